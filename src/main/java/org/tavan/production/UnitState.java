package org.tavan.production;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a unit stands on its routing, and the only moves it can make. A step is waited for,
 * worked on, then the unit waits at the next step or has finished; a failed step sends it to
 * rework, from which it comes back to the same step. Quality releases a finished unit, may
 * reopen a released one for refurbishment, and may scrap any unit not yet released.
 */
enum UnitState {
    WAITING, IN_PROGRESS, REWORK_WAITING, REWORK_IN_PROGRESS, FINISHED, RELEASED, SCRAPPED;

    /** As stored in {@code units.state} and shown in the API. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UnitState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    Set<UnitState> next() {
        return switch (this) {
            case WAITING -> EnumSet.of(IN_PROGRESS, SCRAPPED);
            case IN_PROGRESS -> EnumSet.of(WAITING, FINISHED, REWORK_WAITING, SCRAPPED);
            case REWORK_WAITING -> EnumSet.of(REWORK_IN_PROGRESS, SCRAPPED);
            case REWORK_IN_PROGRESS -> EnumSet.of(WAITING, REWORK_WAITING, SCRAPPED);
            case FINISHED -> EnumSet.of(RELEASED, SCRAPPED);
            case RELEASED -> EnumSet.of(REWORK_WAITING);
            case SCRAPPED -> EnumSet.noneOf(UnitState.class);
        };
    }

    boolean canBecome(UnitState to) {
        return next().contains(to);
    }

    void requireCanBecome(UnitState to) {
        if (!canBecome(to)) {
            throw new IllegalStateException("A unit does not go from " + code() + " to " + to.code());
        }
    }

    boolean rework() {
        return this == REWORK_WAITING || this == REWORK_IN_PROGRESS;
    }

    /** Waiting for or at its routing step, not in rework: where a test step takes a session. */
    boolean atRoutingStep() {
        return this == WAITING || this == IN_PROGRESS;
    }

    boolean inProgress() {
        return this == IN_PROGRESS || this == REWORK_IN_PROGRESS;
    }
}
