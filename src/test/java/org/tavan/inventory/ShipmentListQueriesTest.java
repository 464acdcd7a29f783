package org.tavan.inventory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.storage.Database;
import org.tavan.testing.SqlStatements;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipment list runs a fixed number of statements, not one more for every shipment. */
class ShipmentListQueriesTest {

    @TempDir
    Path dir;

    @Test
    void the_shipment_list_runs_as_many_statements_for_five_shipments_as_for_one() {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            Actor actor = Actor.user("storekeeper", "test");
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            Stock stock = new Stock(db, audit, Clock.systemUTC());
            Shipments shipments = new Shipments(db, stock, audit, Clock.systemUTC());
            stock.createLocation(new Stock.NewLocation("WS", "کارگاه", "workshop", null, null), actor);
            stock.createLocation(new Stock.NewLocation("NW", "انبار ملی", "national_warehouse", "WS", null), actor);
            stock.createItem(new Stock.NewItem("CASTOR-8", "Castor 8 in", "component", "piece", 20L), actor);
            db.useTransaction(h -> stock.receive("CASTOR-8", "WS", 100, StockRef.none(), actor, null));
            SqlStatements sql = SqlStatements.on(db);
            shipments.dispatch(new Shipments.NewShipment("WS", "NW", List.of(new Shipments.Line(null, "CASTOR-8", 2L)),
                    null, null), actor);
            int one = sql.during(() -> shipments.list(null, null));
            for (int i = 0; i < 4; i++) {
                shipments.dispatch(new Shipments.NewShipment("WS", "NW", List.of(new Shipments.Line(null, "CASTOR-8", 2L),
                        new Shipments.Line(null, "CASTOR-8", 1L)), null, null), actor);
            }
            assertThat(shipments.list(null, null)).hasSize(5).first()
                    .satisfies(s -> assertThat(s.lines()).extracting(Shipments.LineView::quantity).containsExactly(2L, 1L));

            assertThat(sql.during(() -> shipments.list(null, null))).as("list of 5, list of 1 ran " + one).isEqualTo(one);
        }
    }
}
