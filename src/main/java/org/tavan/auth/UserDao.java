package org.tavan.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UserDao.UserRow.class)
interface UserDao extends org.jdbi.v3.sqlobject.SqlObject {

    record UserRow(long id, String username, String displayName, String passwordHash, String language,
                   boolean active, Instant createdAt, Instant updatedAt) {
    }

    @SqlUpdate("""
            INSERT INTO users (username, display_name, password_hash, language, active, created_at, updated_at)
            VALUES (:username, :displayName, :passwordHash, :language, TRUE, :now, :now)""")
    @GetGeneratedKeys("id")
    long insert(String username, String displayName, String passwordHash, String language, Instant now);

    @SqlUpdate("INSERT INTO user_roles (user_id, role) VALUES (:userId, :role)")
    void addRole(long userId, String role);

    @SqlUpdate("DELETE FROM user_roles WHERE user_id = :userId")
    void clearRoles(long userId);

    @SqlQuery("SELECT role FROM user_roles WHERE user_id = :userId ORDER BY role")
    List<String> roles(long userId);

    @SqlQuery("""
            SELECT id, username, display_name, password_hash, language, active, created_at, updated_at
              FROM users WHERE username = :username""")
    Optional<UserRow> findByUsername(String username);

    @SqlQuery("""
            SELECT id, username, display_name, password_hash, language, active, created_at, updated_at
              FROM users WHERE id = :id""")
    Optional<UserRow> findById(long id);

    @SqlQuery("""
            SELECT id, username, display_name, password_hash, language, active, created_at, updated_at
              FROM users ORDER BY username""")
    List<UserRow> all();

    @SqlQuery("SELECT COUNT(*) FROM users")
    long count();

    @SqlUpdate("""
            UPDATE users SET display_name = :displayName, language = :language, active = :active,
                   updated_at = :now WHERE id = :id""")
    void update(long id, String displayName, String language, boolean active, Instant now);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash, updated_at = :now WHERE id = :id")
    void setPassword(long id, String passwordHash, Instant now);
}
