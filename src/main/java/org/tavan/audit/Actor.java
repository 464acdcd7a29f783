package org.tavan.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Who caused a change: a signed-in user, a rig, or Tavan itself. {@code requestId} ties the
 * audit row to the HTTP request (or ingest batch) and its log lines. {@code tappedAt} is when
 * the person tapped, for an action a tablet queued while offline and sent later (null when the
 * change happens as it arrives): the audit row keeps it beside its own arrival time.
 */
public record Actor(String name, String requestId, Instant tappedAt) {

    public Actor {
        Objects.requireNonNull(name, "name");
    }

    public Actor(String name, String requestId) {
        this(name, requestId, null);
    }

    public static Actor system(String what) {
        return new Actor("system:" + what, null);
    }

    public static Actor user(String username, String requestId) {
        return new Actor(username, requestId);
    }

    /** The same person, acting on a tap made at {@code at} (on a tablet that queued it). */
    public Actor tapped(Instant at) {
        return new Actor(name, requestId, at);
    }
}
