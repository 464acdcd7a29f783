package org.tavan.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditEntry;
import org.tavan.audit.AuditLog;
import org.tavan.config.TavanConfig;
import org.tavan.settings.OrganisationSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same storage promises on every database; one subclass per database. */
abstract class StorageContractTest {

    @TempDir
    Path dir;
    Database db;
    AuditLog audit;
    OrganisationSettings settings;
    final Actor actor = Actor.user("tester", "req-1");

    abstract TavanConfig.Db database(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(database(dir), null);
        db.migrate();
        audit = new AuditLog(Json.mapper(), Clock.systemUTC());
        settings = new OrganisationSettings(db, audit, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migrating_twice_changes_nothing() {
        db.migrate();
        assertThat(db.isUp()).isTrue();
    }

    @Test
    void a_change_and_its_audit_row_commit_together() {
        settings.set("organisation.name", "Welfare Organisation", actor);
        assertThat(settings.get(OrganisationSettings.Key.ORGANISATION_NAME)).isEqualTo("Welfare Organisation");
        List<AuditEntry> rows = audit.find(db, "setting", "organisation.name", Long.MAX_VALUE, 10);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).actor()).isEqualTo("tester");
        assertThat(rows.get(0).requestId()).isEqualTo("req-1");
        assertThat(rows.get(0).beforeJson()).contains("Tavan");
        assertThat(rows.get(0).afterJson()).contains("Welfare Organisation");
    }

    @Test
    void when_the_audit_row_cannot_be_written_the_change_is_rolled_back_too() {
        refuseAuditInserts();
        assertThatThrownBy(() -> settings.set("organisation.name", "Never stored", actor));
        assertThat(settings.get(OrganisationSettings.Key.ORGANISATION_NAME)).isEqualTo("Tavan");
        assertThat(countSettings()).isZero();
        assertThat(countAudit()).isZero();
    }

    @Test
    void when_the_change_fails_after_its_audit_row_no_audit_row_remains() {
        assertThatThrownBy(() -> db.useTransaction(h -> {
            audit.record(h, actor, "setting.changed", "setting", "x", null, null);
            h.execute("INSERT INTO settings (setting_key, value, updated_at, updated_by) VALUES ('k', 'v', 1, 'a')");
            h.execute("INSERT INTO settings (setting_key, value, updated_at, updated_by) VALUES ('k', 'v', 1, 'a')");
        }));
        assertThat(countAudit()).isZero();
        assertThat(countSettings()).isZero();
    }

    @Test
    void the_audit_log_refuses_updates_and_deletes() {
        settings.set("workshop.name", "Tehran workshop", actor);
        assertThatThrownBy(() -> db.useTransaction(h -> h.execute("UPDATE audit_log SET actor = 'someone else'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.useTransaction(h -> h.execute("DELETE FROM audit_log")))
                .hasMessageContaining("append-only");
        assertThat(countAudit()).isEqualTo(1);
    }

    @Test
    void foreign_keys_are_enforced() {
        assertThatThrownBy(() -> db.useTransaction(h -> h.execute(
                "INSERT INTO user_roles (user_id, role) VALUES (424242, 'admin')")));
    }

    @Test
    void instants_round_trip_as_epoch_milliseconds() {
        java.time.Instant at = java.time.Instant.parse("2026-03-20T10:15:30.123Z");
        db.useTransaction(h -> h.createUpdate("INSERT INTO settings (setting_key, value, updated_at, updated_by) "
                + "VALUES ('t', 'v', :at, 'me')").bind("at", at).execute());
        java.time.Instant stored = db.read(h -> h.createQuery("SELECT updated_at FROM settings WHERE setting_key = 't'")
                .mapTo(java.time.Instant.class).one());
        assertThat(stored).isEqualTo(at);
    }

    long countSettings() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM settings").mapTo(Long.class).one());
    }

    long countAudit() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }

    private void refuseAuditInserts() {
        db.useTransaction(this::installAuditRefusal);
    }

    /** A trigger that makes every audit insert fail, to prove the change shares its transaction. */
    abstract void installAuditRefusal(Handle h);
}
