package org.tavan.auth;

import java.util.Set;

/**
 * The signed-in user behind a request. {@code scope} is the data scope their requests run in:
 * national for administrators, else the scope an administrator gave them.
 */
public record Principal(long userId, String username, String displayName, Set<Role> roles, String language,
                        Scope scope) {

    public boolean hasAny(Set<Role> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }
}
