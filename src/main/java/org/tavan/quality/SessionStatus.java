package org.tavan.quality;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a test session is: open (its rig's readings belong to it), paused (readings in a
 * pause do not count) or closed (its verdict is recorded and final). The allowed moves are
 * written here once; every change is a guarded update from the status read.
 */
public enum SessionStatus {
    OPEN, PAUSED, CLOSED;

    /** The stored and JSON form. */
    @JsonValue
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SessionStatus of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean canMoveTo(SessionStatus next) {
        return switch (this) {
            case OPEN -> Set.of(PAUSED, CLOSED).contains(next);
            case PAUSED -> Set.of(OPEN, CLOSED).contains(next);
            case CLOSED -> false;
        };
    }

    @Override
    public String toString() {
        return value();
    }
}
