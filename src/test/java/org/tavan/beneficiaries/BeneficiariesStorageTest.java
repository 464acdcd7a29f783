package org.tavan.beneficiaries;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.Json;
import org.tavan.auth.Scope;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry and the CSV import on both databases. */
class BeneficiariesStorageTest {

    static final String HEADER = String.join(",", CsvImport.COLUMNS) + "\n";
    static final Actor ACTOR = Actor.user("officer", "test");

    @TempDir
    Path dir;

    static String row(String id, String name, String cls, String measurements) {
        return id + "," + name + ",1980-01-01,female,true,08,ری,false,مرکز ری,,2025-05-01,true," + cls
                + ",4,soon,شهری,بیمارستان,2025-05-10,\"" + measurements + "\"\n";
    }

    static String id(String prefix) {
        return NationalIds.withCheckDigit(prefix);
    }

    private Database open(TestDatabases.Kind kind) {
        Database db = Database.open(TestDatabases.of(kind, dir), null);
        db.migrate();
        return db;
    }

    private static int count(Database db, String table) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_second_registration_with_the_same_national_id_is_caught_by_the_hash(TestDatabases.Kind kind) {
        try (Database db = open(kind)) {
            Beneficiaries b = new Beneficiaries(db, new AuditLog(Json.mapper(), Clock.systemUTC()), Clock.systemUTC(),
                    new NationalIds(new byte[32]));
            NewBeneficiary person = new NewBeneficiary(id("001234567"), "زهرا حسینی", "1988-04-02", "female", true,
                    "08", "ری", false, "مرکز ری", null, "2025-01-01", true);
            BeneficiaryView v = b.register(person, Scope.NATIONAL, ACTOR);
            assertThat(v.nationalIdLast()).isEqualTo(id("001234567").substring(7));
            assertThatThrownBy(() -> b.register(person, Scope.NATIONAL, ACTOR)).isInstanceOf(Conflict.class)
                    .hasMessageContaining("already registered");
            // The number itself is nowhere in the database.
            String stored = db.read(h -> h.createQuery("SELECT national_id_hash FROM beneficiaries").mapTo(String.class).one());
            assertThat(stored).doesNotContain(id("001234567"));
            String audit = db.read(h -> h.createQuery("SELECT after_json FROM audit_log WHERE action = 'beneficiary.registered'")
                    .mapTo(String.class).one());
            assertThat(audit).doesNotContain("زهرا").doesNotContain("1988");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void importing_the_same_file_twice_changes_nothing_the_second_time(TestDatabases.Kind kind) {
        try (Database db = open(kind)) {
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            Beneficiaries b = new Beneficiaries(db, audit, Clock.systemUTC(), new NationalIds(new byte[32]));
            CsvImport importer = new CsvImport(db, b, audit);
            String file = HEADER
                    + row(id("001234567"), "زهرا حسینی", "12.22", "hip_width_mm=400;thigh_length_mm=470;body_mass_kg=68")
                    + row(id("001234567"), "زهرا حسینی", "22.06", "threshold_500_db=40;threshold_1000_db=45")
                    + row(id("002345678"), "مریم صادقی", "12.06", "wrist_height_mm=760;body_mass_kg=74");
            CsvImport.Result first = importer.importCsv(file, Scope.NATIONAL, ACTOR);
            assertThat(first).isEqualTo(new CsvImport.Result(3, 2, 0, 3, 0));
            int auditRows = count(db, "audit_log");
            CsvImport.Result again = importer.importCsv(file, Scope.NATIONAL, ACTOR);
            assertThat(again).isEqualTo(new CsvImport.Result(3, 0, 2, 0, 3));
            assertThat(count(db, "beneficiaries")).isEqualTo(2);
            assertThat(count(db, "assessments")).isEqualTo(3);
            assertThat(count(db, "audit_log")).as("only the import itself is audited").isEqualTo(auditRows + 1);
            assertThat(b.waiting()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_file_with_errors_imports_nothing_and_names_each_line_and_column(TestDatabases.Kind kind) {
        try (Database db = open(kind)) {
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            Beneficiaries b = new Beneficiaries(db, audit, Clock.systemUTC(), new NationalIds(new byte[32]));
            CsvImport importer = new CsvImport(db, b, audit);
            String bad = id("002345678");
            bad = bad.substring(0, 9) + (char) ('0' + (bad.charAt(9) - '0' + 1) % 10);
            String file = HEADER
                    + row(id("001234567"), "زهرا حسینی", "12.22", "hip_width_mm=400")
                    + row(bad, "مریم صادقی", "12.06", "wrist_height_mm=760")
                    + row(id("003456789"), "علی موسوی", "12.2", "hip_width_mm")
                    + "only,three,fields\n";
            assertThatThrownBy(() -> importer.importCsv(file, Scope.NATIONAL, ACTOR)).isInstanceOfSatisfying(InvalidInput.class, e -> {
                @SuppressWarnings("unchecked")
                List<CsvImport.RowError> errors = (List<CsvImport.RowError>) e.details().get("errors");
                assertThat(errors).contains(new CsvImport.RowError(3, "national_id",
                                "not a valid national ID: 10 digits with a correct check digit"),
                        new CsvImport.RowError(4, "measurements", "'hip_width_mm' is not name=value"),
                        new CsvImport.RowError(5, "-", "has 3 fields, the header has 19"));
                assertThat(errors).anySatisfy(r -> assertThat(r).extracting("line", "column").containsExactly(4, "device_class"));
                assertThat(errors).noneMatch(r -> r.line() == 2);
            });
            assertThat(count(db, "beneficiaries")).isZero();
            assertThat(count(db, "assessments")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_different_national_id_key_is_refused_at_start(TestDatabases.Kind kind) {
        try (Database db = open(kind)) {
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            new Beneficiaries(db, audit, Clock.systemUTC(), new NationalIds(new byte[32])).verifyKey();
            new Beneficiaries(db, audit, Clock.systemUTC(), new NationalIds(new byte[32])).verifyKey();
            byte[] other = new byte[32];
            other[5] = 9;
            assertThatThrownBy(() -> new Beneficiaries(db, audit, Clock.systemUTC(), new NationalIds(other)).verifyKey())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("national-id.key");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_missing_column_is_reported_on_the_header_line(TestDatabases.Kind kind) {
        try (Database db = open(kind)) {
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            CsvImport importer = new CsvImport(db, new Beneficiaries(db, audit, Clock.systemUTC(),
                    new NationalIds(new byte[32])), audit);
            assertThatThrownBy(() -> importer.importCsv("national_id,full_name\n1,2\n", Scope.NATIONAL, ACTOR))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.getMessage())
                            .contains("line 1").contains("missing column(s)"));
            assertThat(Map.of("n", count(db, "beneficiaries"))).containsEntry("n", 0);
        }
    }
}
