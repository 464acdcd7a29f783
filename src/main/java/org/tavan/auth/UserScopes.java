package org.tavan.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/** Reading and setting a user's {@link Scope}; every change is audited with the scope before and after. */
public final class UserScopes {

    private final Database db;
    private final AuditLog audit;
    private final java.time.Clock clock;

    public UserScopes(Database db, AuditLog audit, java.time.Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Scope get(String username) {
        return db.read(h -> of(h, idOf(h, username)));
    }

    /** Replaces the user's scope; setting the same scope again changes nothing and writes no audit row. */
    public Scope set(String username, Scope scope, Actor actor) {
        return db.inTransaction(h -> {
            long id = idOf(h, username);
            Scope before = of(h, id);
            if (before.equals(scope)) {
                return before;
            }
            write(h, id, scope, clock.instant());
            Scope after = of(h, id);
            audit.record(h, actor, "user.scope_changed", "user", username, before.describe(), after.describe());
            return after;
        });
    }

    /** The stored scope of a user, as the principal of their requests carries it. */
    static Scope of(Handle h, long userId) {
        String kind = h.createQuery("SELECT scope FROM users WHERE id = :id").bind("id", userId)
                .mapTo(String.class).findOne().orElseThrow(() -> new NotFound("User", userId));
        if (kind.equals("national")) {
            return Scope.NATIONAL;
        }
        List<String> provinces = new ArrayList<>();
        List<String> centres = new ArrayList<>();
        h.createQuery("SELECT kind, code FROM user_scopes WHERE user_id = :id").bind("id", userId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> (e.getKey().equals("centre") ? centres : provinces).add(e.getValue()));
        // Restricted with no province left sees nobody: never widened to national by a missing row.
        return new Scope(false, provinces, centres);
    }

    /** Replaces the stored scope inside the caller's transaction (no audit row: the caller writes it). */
    static void write(Handle h, long userId, Scope scope, java.time.Instant now) {
        h.createUpdate("DELETE FROM user_scopes WHERE user_id = :id").bind("id", userId).execute();
        h.createUpdate("UPDATE users SET scope = :scope, updated_at = :now WHERE id = :id")
                .bind("scope", scope.national() ? "national" : "provinces").bind("now", now)
                .bind("id", userId).execute();
        for (String p : scope.provinces()) {
            insert(h, userId, "province", p);
        }
        for (String c : scope.centres()) {
            insert(h, userId, "centre", c);
        }
    }

    private static void insert(Handle h, long userId, String kind, String code) {
        h.createUpdate("INSERT INTO user_scopes (user_id, kind, code) VALUES (:id, :kind, :code)")
                .bind("id", userId).bind("kind", kind).bind("code", code).execute();
    }

    private static long idOf(Handle h, String username) {
        return h.createQuery("SELECT id FROM users WHERE username = :u").bind("u", username)
                .mapTo(Long.class).findOne().orElseThrow(() -> new NotFound("User", username));
    }
}
