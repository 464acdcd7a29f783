package org.tavan.web;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.tavan.auth.Role;

/** Who may call a route. Every route must declare one; see {@link Routes}. */
public record Access(Kind kind, Set<Role> roles) {

    public enum Kind { ANYONE, SIGNED_IN, ROLES }

    public static Access anyone() {
        return new Access(Kind.ANYONE, Set.of());
    }

    public static Access signedIn() {
        return new Access(Kind.SIGNED_IN, Set.of());
    }

    public static Access roles(Role first, Role... more) {
        return new Access(Kind.ROLES, Set.copyOf(EnumSet.of(first, more)));
    }

    /** How the route table and the OpenAPI document show it: "anyone", "signed-in", "admin, quality". */
    public String describe() {
        return switch (kind) {
            case ANYONE -> "anyone";
            case SIGNED_IN -> "signed-in";
            case ROLES -> roles.stream().map(Role::code).sorted().collect(Collectors.joining(", "));
        };
    }
}
