package org.tavan.production;

import java.util.Locale;

import org.tavan.audit.Actor;
import org.tavan.errors.InvalidInput;
import org.tavan.offline.QueuedActions;

/**
 * A floor tablet's queued taps (start, done, failed), sent when its connection is back: each
 * applied once, in the order the tablet sends them, against the unit's state on arrival.
 */
public final class FloorQueue {

    private final Production production;
    private final QueuedActions queued;

    public FloorQueue(Production production, QueuedActions queued) {
        this.production = production;
        this.queued = queued;
    }

    /**
     * One queued tap. {@code action} is start, complete or fail; {@code reason} a failure reason
     * code from the step's list, {@code note} free text (a failure needs one of the two).
     */
    public record FloorAction(String actionId, Long tappedAt, String action, String serial, String station,
                              String reason, String note) {
    }

    public QueuedActions.Answer send(FloorAction a, Actor actor) {
        if (a.action() == null || !a.action().matches("start|complete|fail")) {
            throw new InvalidInput("action", "Action must be start, complete or fail");
        }
        if (a.serial() == null || a.serial().isBlank()) {
            throw new InvalidInput("serial", "Say which unit");
        }
        String subject = a.serial().trim().toUpperCase(Locale.ROOT);
        return queued.apply(new QueuedActions.Tap(a.actionId(), a.tappedAt()), actor, "floor." + a.action(), "unit", subject,
                // Production's use cases join the transaction that claims the action id.
                tapper -> switch (a.action()) {
                    case "start" -> production.start(subject, a.station(), tapper);
                    case "complete" -> production.complete(subject, a.station(), blankToNull(a.note()), tapper);
                    default -> production.fail(subject, a.station(), reason(a), tapper);
                });
    }

    /** The chip's code, with the worker's own words after it when given; either alone is enough. */
    static String reason(FloorAction a) {
        String code = blankToNull(a.reason());
        String note = blankToNull(a.note());
        if (code != null && !code.matches("[a-z_]{1,40}")) {
            throw new InvalidInput("reason", "A reason code is lower-case letters and underscores");
        }
        if (code == null) {
            return note;
        }
        return note == null ? code : code + ": " + note;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
