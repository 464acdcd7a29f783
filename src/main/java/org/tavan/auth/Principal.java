package org.tavan.auth;

import java.util.Set;

/** The signed-in user behind a request. */
public record Principal(long userId, String username, String displayName, Set<Role> roles, String language) {

    public boolean hasAny(Set<Role> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }
}
