package org.tavan.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.tavan.audit.Actor;

/** Creates the first administrator of a new database, so that someone can sign in at all. */
public final class FirstAdmin {

    private FirstAdmin() {
    }

    /**
     * Returns the password used, or empty if users already exist. A configured password is
     * used as given; otherwise a random one is made (the caller prints it once).
     */
    public static Optional<String> createIfNone(Users users, Optional<String> configured, String fallback) {
        if (!users.none()) {
            return Optional.empty();
        }
        String password = configured.orElseGet(() -> fallback != null ? fallback : randomPassword());
        users.create(new Users.NewUser("admin", "مدیر سامانه", password, List.of(Role.ADMIN.code()), "fa"),
                Actor.system("first-start"));
        return Optional.of(password);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
