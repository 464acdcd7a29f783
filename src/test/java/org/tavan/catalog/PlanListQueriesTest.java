package org.tavan.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.inventory.Stock;
import org.tavan.storage.Database;
import org.tavan.testing.SqlStatements;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The test plan lists run a fixed number of statements, not one more for every plan. */
class PlanListQueriesTest {

    @TempDir
    Path dir;

    private static final TestPlan.Definition CHECK = new TestPlan.Definition("Walker check", List.of(), List.of(),
            List.of(new TestPlan.ChecklistItem("locks", "Locks hold", "قفل‌ها نگه می‌دارند", true)), null, "organisation rule");

    @Test
    void the_latest_plans_and_a_plans_versions_run_as_many_statements_for_five_as_for_one() {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            Catalog catalog = new Catalog(db, new Stock(db, audit, Clock.systemUTC()), audit, Json.mapper(), Clock.systemUTC());
            Actor lead = Actor.user("lead", "test");
            SqlStatements sql = SqlStatements.on(db);
            catalog.savePlan("WALK-0", CHECK, lead);
            int latestOfOne = sql.during(catalog::latestPlans);
            int versionsOfOne = sql.during(() -> catalog.planVersions("WALK-0"));
            for (int i = 1; i <= 4; i++) {
                catalog.savePlan("WALK-" + i, CHECK, lead);
                catalog.savePlan("WALK-0", CHECK, lead);
            }
            assertThat(catalog.latestPlans()).hasSize(5).first().satisfies(p -> assertThat(p.version()).isEqualTo(5));
            assertThat(catalog.planVersions("WALK-0")).extracting(TestPlan::version).containsExactly(1, 2, 3, 4, 5);

            assertThat(sql.during(catalog::latestPlans)).as("5 plans, 1 plan ran " + latestOfOne).isEqualTo(latestOfOne);
            assertThat(sql.during(() -> catalog.planVersions("WALK-0"))).as("5 versions, 1 ran " + versionsOfOne)
                    .isEqualTo(versionsOfOne);
        }
    }
}
