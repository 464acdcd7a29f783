package org.tavan.auth;

import java.time.Instant;
import java.util.List;

/** A user as administrators see it; never carries the password hash. */
public record UserView(long id, String username, String displayName, List<String> roles, String language,
                       boolean active, Instant createdAt, Instant updatedAt) {
}
