package org.tavan.audit;

import java.util.Objects;

/**
 * Who caused a change: a signed-in user, a rig, or Tavan itself. {@code requestId} ties the
 * audit row to the HTTP request (or ingest batch) and its log lines.
 */
public record Actor(String name, String requestId) {

    public Actor {
        Objects.requireNonNull(name, "name");
    }

    public static Actor system(String what) {
        return new Actor("system:" + what, null);
    }

    public static Actor user(String username, String requestId) {
        return new Actor(username, requestId);
    }
}
