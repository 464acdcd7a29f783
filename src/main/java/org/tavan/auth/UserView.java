package org.tavan.auth;

import java.time.Instant;
import java.util.List;

/**
 * A user as administrators see it; never carries the password hash. {@code scope} is what is
 * stored (an administrator's data scope is national whatever it says).
 */
public record UserView(long id, String username, String displayName, List<String> roles, String language,
                       boolean active, Instant createdAt, Instant updatedAt, Scope scope) {
}
