package org.tavan.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/** Creating, changing and listing users. Every change writes the audit log in its transaction. */
public final class Users {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,39}");

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public Users(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code scope} null = national (the whole country). */
    public record NewUser(String username, String displayName, String password, List<String> roles, String language,
                          Scope.Request scope) {
        public NewUser(String username, String displayName, String password, List<String> roles, String language) {
            this(username, displayName, password, roles, language, null);
        }
    }

    /** Fields left null are not changed. */
    public record UserChange(String displayName, List<String> roles, String language, Boolean active, String password) {
    }

    public UserView create(NewUser request, Actor actor) {
        String username = requireUsername(request.username());
        String displayName = requireDisplayName(request.displayName());
        Passwords.requireStrong(request.password());
        Set<Role> roles = requireRoles(request.roles());
        String language = requireLanguage(request.language() == null ? "fa" : request.language());
        Scope scope = request.scope() == null ? Scope.NATIONAL : request.scope().checked();
        String hash = Passwords.hash(request.password());
        return db.inTransaction(h -> {
            UserDao dao = h.attach(UserDao.class);
            if (dao.findByUsername(username).isPresent()) {
                throw new Conflict("username_taken", "A user named '" + username + "' already exists");
            }
            long id = dao.insert(username, displayName, hash, language, clock.instant());
            roles.forEach(role -> dao.addRole(id, role.code()));
            UserScopes.write(h, id, scope, clock.instant());
            UserView created = view(dao, dao.findById(id).orElseThrow());
            audit.record(h, actor, "user.created", "user", username, null, created);
            return created;
        });
    }

    public UserView change(String username, UserChange change, Actor actor) {
        if (change.displayName() != null) {
            requireDisplayName(change.displayName());
        }
        Set<Role> roles = change.roles() == null ? null : requireRoles(change.roles());
        if (change.language() != null) {
            requireLanguage(change.language());
        }
        String newHash = null;
        if (change.password() != null) {
            Passwords.requireStrong(change.password());
            newHash = Passwords.hash(change.password());
        }
        String hash = newHash;
        return db.inTransaction(h -> {
            UserDao dao = h.attach(UserDao.class);
            UserDao.UserRow row = dao.findByUsername(username).orElseThrow(() -> new NotFound("User", username));
            UserView before = view(dao, row);
            boolean active = change.active() == null ? row.active() : change.active();
            if (!active && before.roles().contains(Role.ADMIN.code()) && activeAdmins(h) <= 1) {
                throw new Conflict("last_admin", "Cannot deactivate the last active administrator");
            }
            if (roles != null && !roles.contains(Role.ADMIN) && before.roles().contains(Role.ADMIN.code())
                    && activeAdmins(h) <= 1) {
                throw new Conflict("last_admin", "Cannot take the admin role from the last active administrator");
            }
            dao.update(row.id(), change.displayName() == null ? row.displayName() : change.displayName().strip(),
                    change.language() == null ? row.language() : change.language(), active, clock.instant());
            if (roles != null) {
                dao.clearRoles(row.id());
                roles.forEach(role -> dao.addRole(row.id(), role.code()));
            }
            if (hash != null) {
                dao.setPassword(row.id(), hash, clock.instant());
            }
            if (!active || hash != null) {
                // A deactivated user or a changed password ends every open session of that user.
                h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE user_id = :id AND revoked_at IS NULL")
                        .bind("now", clock.instant()).bind("id", row.id()).execute();
            }
            UserView after = view(dao, dao.findById(row.id()).orElseThrow());
            audit.record(h, actor, hash != null ? "user.changed_with_password" : "user.changed", "user", username,
                    before, after);
            return after;
        });
    }

    public List<UserView> list() {
        return db.read(h -> {
            UserDao dao = h.attach(UserDao.class);
            List<UserView> users = new ArrayList<>();
            for (UserDao.UserRow row : dao.all()) {
                users.add(view(dao, row));
            }
            return users;
        });
    }

    public UserView get(String username) {
        return db.read(h -> {
            UserDao dao = h.attach(UserDao.class);
            return view(dao, dao.findByUsername(username).orElseThrow(() -> new NotFound("User", username)));
        });
    }

    public boolean none() {
        return db.read(h -> h.attach(UserDao.class).count() == 0);
    }

    /** A signed-in user changes their own password, which takes the current one. */
    public void changeOwnPassword(String username, String currentPassword, String newPassword, Actor actor) {
        if (verify(username, currentPassword == null ? "" : currentPassword).isEmpty()) {
            throw new InvalidInput("currentPassword", "Current password is wrong");
        }
        change(username, new UserChange(null, null, null, null, newPassword), actor);
    }

    /** The user if the password matches and the account is active; costs the same whether or not the user exists. */
    Optional<Principal> verify(String username, String password) {
        Optional<UserDao.UserRow> row = db.read(h -> h.attach(UserDao.class).findByUsername(username));
        boolean ok = Passwords.matches(password, row.map(UserDao.UserRow::passwordHash).orElse(null));
        if (!ok || !row.get().active()) {
            return Optional.empty();
        }
        return Optional.of(principal(row.get()));
    }

    Principal principal(long userId) {
        return db.read(h -> h.attach(UserDao.class).findById(userId).map(this::principal)).orElseThrow();
    }

    private Principal principal(UserDao.UserRow row) {
        List<String> codes = db.read(h -> h.attach(UserDao.class).roles(row.id()));
        Set<Role> roles = new LinkedHashSet<>();
        codes.forEach(code -> roles.add(Role.parse(code)));
        // Administrators run the whole country's data, whatever scope their row holds.
        Scope scope = roles.contains(Role.ADMIN) ? Scope.NATIONAL : db.read(h -> UserScopes.of(h, row.id()));
        return new Principal(row.id(), row.username(), row.displayName(), Set.copyOf(roles), row.language(), scope);
    }

    private static long activeAdmins(Handle h) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id
                         WHERE r.role = 'admin' AND u.active = TRUE""")
                .mapTo(Long.class).one();
    }

    private static UserView view(UserDao dao, UserDao.UserRow row) {
        return new UserView(row.id(), row.username(), row.displayName(), dao.roles(row.id()), row.language(),
                row.active(), row.createdAt(), row.updatedAt(), UserScopes.of(dao.getHandle(), row.id()));
    }

    private static String requireUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInput("username",
                    "User name must be 3-40 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        return username;
    }

    private static String requireDisplayName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new InvalidInput("displayName", "Display name is required (at most 100 characters)");
        }
        return name.strip();
    }

    private static Set<Role> requireRoles(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new InvalidInput("roles", "At least one role is required");
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (String code : codes) {
            roles.add(Role.parse(code));
        }
        return roles;
    }

    private static String requireLanguage(String language) {
        if (!"fa".equals(language) && !"en".equals(language)) {
            throw new InvalidInput("language", "Language must be 'fa' or 'en'");
        }
        return language;
    }
}
