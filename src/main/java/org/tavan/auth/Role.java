package org.tavan.auth;

import java.util.Locale;

import org.tavan.errors.InvalidInput;

/** What a user may do. Every route names the roles allowed to call it (see web.Routes). */
public enum Role {
    FLOOR, TECHNICIAN, QUALITY, DISTRIBUTION, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new InvalidInput("roles", "Unknown role '" + code + "'; roles are floor, technician, quality, distribution, admin");
    }
}
