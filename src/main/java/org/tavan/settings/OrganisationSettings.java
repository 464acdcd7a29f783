package org.tavan.settings;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * Settings an administrator changes while Tavan runs (names shown on screens and labels).
 * Start-up configuration (ports, database) lives in config/ instead.
 */
public final class OrganisationSettings {

    /** Known keys with their defaults and longest allowed value. */
    public enum Key {
        ORGANISATION_NAME("organisation.name", "Tavan", 120),
        WORKSHOP_NAME("workshop.name", "Central workshop", 120),
        SUPPORT_CONTACT("support.contact", "", 200);

        final String code;
        final String defaultValue;
        final int maxLength;

        Key(String code, String defaultValue, int maxLength) {
            this.code = code;
            this.defaultValue = defaultValue;
            this.maxLength = maxLength;
        }

        public String code() {
            return code;
        }

        static Key parse(String code) {
            for (Key key : values()) {
                if (key.code.equals(code)) {
                    return key;
                }
            }
            throw new NotFound("Setting", code);
        }
    }

    public record SettingValue(String key, String value) {
    }

    public record NewValue(String value) {
    }

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public OrganisationSettings(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Map<String, String> all() {
        Map<String, String> stored = db.read(h -> h.createQuery("SELECT setting_key, value FROM settings")
                .setMapKeyColumn("setting_key").setMapValueColumn("value")
                .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() { }));
        Map<String, String> result = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            result.put(key.code, stored.getOrDefault(key.code, key.defaultValue));
        }
        return result;
    }

    public String get(Key key) {
        return all().get(key.code);
    }

    /** The value an administrator set, if any: screens show their own language's default otherwise. */
    public Optional<String> stored(Key key) {
        return db.read(h -> h.createQuery("SELECT value FROM settings WHERE setting_key = :k").bind("k", key.code)
                .mapTo(String.class).findOne());
    }

    public SettingValue set(String code, String value, Actor actor) {
        Key key = Key.parse(code);
        if (value == null || value.strip().length() > key.maxLength) {
            throw new InvalidInput("value", "Value of " + code + " is required and at most " + key.maxLength + " characters");
        }
        String clean = value.strip();
        return db.inTransaction(h -> {
            Optional<String> before = h.createQuery("SELECT value FROM settings WHERE setting_key = :key")
                    .bind("key", key.code).mapTo(String.class).findOne();
            if (before.isPresent()) {
                h.createUpdate("UPDATE settings SET value = :value, updated_at = :now, updated_by = :by WHERE setting_key = :key")
                        .bind("value", clean).bind("now", clock.instant()).bind("by", actor.name()).bind("key", key.code)
                        .execute();
            } else {
                h.createUpdate("INSERT INTO settings (setting_key, value, updated_at, updated_by) VALUES (:key, :value, :now, :by)")
                        .bind("value", clean).bind("now", clock.instant()).bind("by", actor.name()).bind("key", key.code)
                        .execute();
            }
            audit.record(h, actor, "setting.changed", "setting", key.code,
                    Map.of("value", before.orElse(key.defaultValue)), Map.of("value", clean));
            return new SettingValue(key.code, clean);
        });
    }
}
