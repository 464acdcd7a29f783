package org.tavan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotSignedIn;
import org.tavan.storage.Database;

/**
 * Sign-in, sign-out and looking up the user behind a token. Tokens are random 256-bit
 * values; only their SHA-256 is stored. Sessions live in the database so that any instance
 * can serve any request.
 */
public final class Sessions {

    private final Database db;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration lifetime;
    private final SignInThrottle throttle;
    private final SecureRandom random = new SecureRandom();

    public Sessions(Database db, Users users, AuditLog audit, Clock clock, Duration lifetime) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.lifetime = lifetime;
        this.throttle = new SignInThrottle(db, clock);
    }

    public record SignedIn(String token, Instant expiresAt, Principal principal) {
    }

    public SignedIn signIn(String username, String password, String address, String requestId) {
        if (username == null || username.isBlank()) {
            throw new InvalidInput("username", "User name is required");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInput("password", "Password is required");
        }
        throttle.checkAllowed(username, address);
        Optional<Principal> principal = users.verify(username, password);
        if (principal.isEmpty()) {
            throttle.failed(username, address);
            throw new NotSignedIn("Wrong user name or password");
        }
        throttle.succeeded(username);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        Actor actor = Actor.user(username, requestId);
        db.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                            VALUES (:hash, :userId, :now, :expires)""")
                    .bind("hash", hash(token)).bind("userId", principal.get().userId())
                    .bind("now", now).bind("expires", expires).execute();
            audit.record(h, actor, "session.signed_in", "user", username, null, null);
        });
        return new SignedIn(token, expires, principal.get());
    }

    /** The user behind a token, if the session is open. */
    public Optional<Principal> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Long> userId = db.read(h -> h.createQuery("""
                        SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
                         WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > :now
                           AND u.active = TRUE""")
                .bind("hash", hash(token)).bind("now", now)
                .mapTo(Long.class).findOne());
        return userId.map(users::principal);
    }

    public void signOut(String token, Principal principal, String requestId) {
        db.useTransaction(h -> {
            int revoked = h.createUpdate("""
                            UPDATE sessions SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL""")
                    .bind("now", clock.instant()).bind("hash", hash(token)).execute();
            if (revoked > 0) {
                audit.record(h, Actor.user(principal.username(), requestId), "session.signed_out", "user",
                        principal.username(), null, null);
            }
        });
    }

    public Duration lifetime() {
        return lifetime;
    }

    private static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
