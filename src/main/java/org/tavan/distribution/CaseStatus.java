package org.tavan.distribution;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a service case stands, and the only moves it can make: WHO's steps in order, and a
 * return once the person has had the unit. Stored as the lower-case code.
 */
enum CaseStatus {
    OPEN, SHIPPED, RECEIVED, HANDED_OVER, FITTED, TRAINED, CLOSED, RETURNED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CaseStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The statuses this one may change to. */
    Set<CaseStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(SHIPPED);
            case SHIPPED -> EnumSet.of(RECEIVED);
            case RECEIVED -> EnumSet.of(HANDED_OVER);
            case HANDED_OVER -> EnumSet.of(FITTED, RETURNED);
            case FITTED -> EnumSet.of(TRAINED, RETURNED);
            case TRAINED -> EnumSet.of(CLOSED, RETURNED);
            case CLOSED -> EnumSet.of(RETURNED);
            case RETURNED -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    boolean canBecome(CaseStatus to) {
        return next().contains(to);
    }
}
