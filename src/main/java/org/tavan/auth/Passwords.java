package org.tavan.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). The parameters are
 * stored in each hash, so raising them later keeps old hashes verifiable. Public because rig
 * MQTT credentials are hashed the same way (org.tavan.rigs).
 */
public final class Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    // Checked when the user does not exist, so that a wrong user name costs as long as a wrong password.
    private static final String DUMMY = hash("not-a-real-password");

    private Passwords() {
    }

    public static String hash(String plain) {
        return Password.hash(plain).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public static boolean matches(String plain, String hash) {
        if (hash == null) {
            Password.check(plain, DUMMY).with(ARGON2ID);
            return false;
        }
        try {
            return Password.check(plain, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void requireStrong(String plain) {
        if (plain == null || plain.length() < 8) {
            throw new org.tavan.errors.InvalidInput("password", "Password must have at least 8 characters");
        }
        if (plain.length() > 200) {
            throw new org.tavan.errors.InvalidInput("password", "Password must have at most 200 characters");
        }
    }
}
