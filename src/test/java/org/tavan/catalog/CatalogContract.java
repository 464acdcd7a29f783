package org.tavan.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.config.TavanConfig;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.inventory.Stock;
import org.tavan.storage.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class CatalogContract {

    @TempDir
    Path dir;

    Database db;
    Catalog catalog;
    Stock stock;
    final Actor actor = Actor.user("quality", "req");

    abstract TavanConfig.Db database(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(database(dir), null);
        db.migrate();
        AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
        stock = new Stock(db, audit, Clock.systemUTC());
        catalog = new Catalog(db, stock, audit, Json.mapper(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void the_seed_document_imports_every_product_type_with_routing_and_plans() {
        Catalog.ImportResult result = catalog.importDocument(CatalogSeed.document(Json.mapper()), actor);

        assertThat(result.models()).isEqualTo(6);
        assertThat(catalog.models()).extracting(DeviceModel::iso9999)
                .containsExactlyInAnyOrder("12.22.03", "12.06.03", "12.03.12", "06.24", "22.06", "04.33");
        assertThat(catalog.variants("WCM")).extracting(v -> v.specs().get("seat_width_mm"))
                .containsExactly(360.0, 400.0, 440.0, 480.0);
        assertThat(catalog.routing("WCM")).filteredOn(RoutingStep::test).extracting(RoutingStep::testPlanCode)
                .containsExactly("WC-DIMENSIONS", "WC-STABILITY");
        assertThat(catalog.bom("WCM-40")).contains(new BomLine("WHEEL-24", 2));
        TestPlan testBox = catalog.latestPlan("HA-TESTBOX");
        assertThat(testBox.measurements()).extracting(TestPlan.MeasurementLimit::relativeTo).doesNotContainNull();
        assertThat(catalog.latestPlan("WC-FATIGUE-DRUM").longRun().cycleTarget()).isEqualTo(200_000);
        assertThat(stock.item("WCM-40").kind()).isEqualTo("finished");
    }

    @Test
    void an_import_with_one_bad_entry_changes_nothing() {
        Catalog.CatalogDocument seed = CatalogSeed.document(Json.mapper());
        Catalog.ModelEntry bad = new Catalog.ModelEntry("ZZ", "Bad", "بد", "walker", "12.6.3", true, List.of(), null);
        List<Catalog.ModelEntry> models = new java.util.ArrayList<>(seed.models());
        models.add(bad);
        assertThatThrownBy(() -> catalog.importDocument(new Catalog.CatalogDocument(seed.components(), seed.plans(), models), actor))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("iso9999"));
        assertThat(catalog.models()).isEmpty();
        assertThat(stock.items()).isEmpty();
        long audits = db.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
        assertThat(audits).isZero();
    }

    @Test
    void editing_a_plan_makes_a_new_version_and_keeps_the_old_one() {
        TestPlan.Definition v1 = new TestPlan.Definition("Walker check", List.of(), List.of(), List.of(
                new TestPlan.ChecklistItem("locks", "Locks hold", "قفل‌ها نگه می‌دارند", true)), null, "organisation rule");
        TestPlan first = catalog.savePlan("WALK", v1, actor);
        TestPlan.Definition v2 = new TestPlan.Definition("Walker check", List.of(), List.of(
                new TestPlan.MeasurementLimit("height_mm", "mm", null, 700.0, 950.0, null, null, 5.0,
                        "organisation rule", "height range", null, true)), v1.checklist(), null, "organisation rule, revised");
        TestPlan second = catalog.savePlan("WALK", v2, actor);

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(catalog.planVersions("WALK")).extracting(TestPlan::version).containsExactly(1, 2);
        assertThat(db.read(h -> catalog.plan(first.id())).measurements()).isEmpty();
        assertThat(second.measurements().get(0)).satisfies(m -> {
            assertThat(m.aggregate()).isEqualTo("last");
            assertThat(m.required()).isTrue();
            assertThat(m.unverified()).isTrue();
        });
    }

    @Test
    void variants_refuse_unknown_or_mistyped_specifications() {
        db.useTransaction(h -> catalog.createModel(new Catalog.NewModel("WCM", "Wheelchair", "ویلچر",
                "manual_wheelchair", "12.22.03", true), actor));
        assertThatThrownBy(() -> db.useTransaction(h -> catalog.addVariant("WCM", new Catalog.NewVariant("W1", "w",
                Map.of("seat_width", 400), null), actor)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("specs.seat_width"));
        assertThatThrownBy(() -> db.useTransaction(h -> catalog.addVariant("WCM", new Catalog.NewVariant("W1", "w",
                Map.of("load_level", "P9"), null), actor)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.getMessage()).contains("P3"));
        assertThat(catalog.variants("WCM")).isEmpty();
    }

    @Test
    void a_routing_is_set_once_and_names_existing_plans() {
        db.useTransaction(h -> catalog.createModel(new Catalog.NewModel("WCM", "Wheelchair", "ویلچر",
                "manual_wheelchair", "12.22.03", true), actor));
        assertThatThrownBy(() -> db.useTransaction(h -> catalog.setRouting("WCM",
                List.of(new Catalog.NewStep("welding", null), new Catalog.NewStep("test", "NOPE")), actor)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("NOPE");
        db.useTransaction(h -> catalog.setRouting("WCM", List.of(new Catalog.NewStep("welding", null)), actor));
        assertThatThrownBy(() -> db.useTransaction(h -> catalog.setRouting("WCM",
                List.of(new Catalog.NewStep("cutting", null)), actor)))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.reason()).isEqualTo("routing_exists"));
    }
}
