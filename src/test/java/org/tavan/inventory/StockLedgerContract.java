package org.tavan.inventory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

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
import org.tavan.storage.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's promises, run on each database by a subclass. */
abstract class StockLedgerContract {

    @TempDir
    Path dir;

    Database db;
    Stock stock;
    final Actor actor = Actor.user("tester", "req-1");

    abstract TavanConfig.Db database(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(database(dir), null);
        db.migrate();
        stock = new Stock(db, new AuditLog(Json.mapper(), Clock.systemUTC()), Clock.systemUTC());
        stock.createLocation(new Stock.NewLocation("WS-TEH", "کارگاه تهران", "workshop", null, null), actor);
        stock.createLocation(new Stock.NewLocation("NW", "انبار ملی", "national_warehouse", "WS-TEH", null), actor);
        stock.createLocation(new Stock.NewLocation("PW-ISF", "انبار استان اصفهان", "provincial_warehouse", "NW", "04"), actor);
        stock.createLocation(new Stock.NewLocation("C-ISF-1", "مرکز توانبخشی اصفهان", "centre", "PW-ISF", "04"), actor);
        stock.createItem(new Stock.NewItem("TUBE-22", "Steel tube 22 mm", "component", "piece", 10L), actor);
        stock.createItem(new Stock.NewItem("CASTOR-8", "Castor 8 in", "component", "piece", 20L), actor);
        stock.createItem(new Stock.NewItem("WC-40", "Wheelchair 40 cm", "finished", "piece", 0L), actor);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void on_hand_is_the_sum_of_movements_after_receipts_and_consumption() {
        db.useTransaction(h -> stock.receive("TUBE-22", "WS-TEH", 30, StockRef.none(), actor, "opening balance"));
        db.useTransaction(h -> stock.consume(Map.of("TUBE-22", 12L), "WS-TEH", StockRef.of("work_order", 1), actor));
        assertThat(stock.onHand("TUBE-22", "WS-TEH")).isEqualTo(18).isEqualTo(sumOfMovements("TUBE-22", "WS-TEH"));
    }

    @Test
    void short_consumption_changes_nothing_and_names_every_short_line() {
        db.useTransaction(h -> stock.receive("TUBE-22", "WS-TEH", 5, StockRef.none(), actor, null));
        db.useTransaction(h -> stock.receive("CASTOR-8", "WS-TEH", 100, StockRef.none(), actor, null));
        long movements = count("stock_movements");
        long audits = count("audit_log");

        assertThatThrownBy(() -> db.useTransaction(h -> stock.consume(
                Map.of("TUBE-22", 6L, "CASTOR-8", 4L), "WS-TEH", StockRef.none(), actor)))
                .isInstanceOfSatisfying(Conflict.class, c -> {
                    assertThat(c.reason()).isEqualTo("stock_short");
                    assertThat(c.getMessage()).contains("TUBE-22 needs 6, has 5").doesNotContain("CASTOR-8");
                });
        assertThat(count("stock_movements")).isEqualTo(movements);
        assertThat(count("audit_log")).isEqualTo(audits);
        assertThat(stock.onHand("CASTOR-8", "WS-TEH")).isEqualTo(100);
    }

    @Test
    void a_transfer_rolled_back_by_its_caller_leaves_both_balances_as_they_were() {
        db.useTransaction(h -> stock.receive("TUBE-22", "WS-TEH", 30, StockRef.none(), actor, null));
        long audits = count("audit_log");

        assertThatThrownBy(() -> db.useTransaction(h -> {
            stock.transferQuantity("TUBE-22", "WS-TEH", "NW", 20, StockRef.none(), actor);
            assertThat(stock.onHand("TUBE-22", "NW")).isEqualTo(20);
            throw new IllegalStateException("the truck did not leave");
        })).hasMessage("the truck did not leave");

        assertThat(stock.onHand("TUBE-22", "WS-TEH")).isEqualTo(30).isEqualTo(sumOfMovements("TUBE-22", "WS-TEH"));
        assertThat(stock.onHand("TUBE-22", "NW")).isZero().isEqualTo(sumOfMovements("TUBE-22", "NW"));
        assertThat(count("audit_log")).isEqualTo(audits);
    }

    @Test
    void a_refused_transfer_writes_nothing() {
        db.useTransaction(h -> stock.receive("TUBE-22", "WS-TEH", 3, StockRef.none(), actor, null));
        long movements = count("stock_movements");
        assertThatThrownBy(() -> db.useTransaction(h ->
                stock.transferQuantity("TUBE-22", "WS-TEH", "NW", 4, StockRef.none(), actor)))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.reason()).isEqualTo("stock_short"));
        assertThat(count("stock_movements")).isEqualTo(movements);
    }

    @Test
    void a_serialized_unit_has_one_location_and_status_through_its_life() {
        String serial = "TVN-26WS-WC-000017";
        db.useTransaction(h -> stock.receiveReleasedUnit(serial, "WC-40", "WS-TEH", StockRef.of("work_order", 1), actor));
        db.useTransaction(h -> stock.reserve(serial, StockRef.of("allocation", 9), actor));
        assertThatThrownBy(() -> db.useTransaction(h -> stock.reserve(serial, StockRef.of("allocation", 10), actor)))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.reason()).isEqualTo("unit_not_available"));
        db.useTransaction(h -> stock.transferUnit(serial, "C-ISF-1", StockRef.of("shipment", 3), actor));
        assertThat(stock.unit(serial)).extracting(StockUnit::locationCode, StockUnit::status, StockUnit::reservedFor)
                .containsExactly("C-ISF-1", "reserved", "allocation:9");
        assertThat(stock.onHand("WC-40", "C-ISF-1")).isEqualTo(1);
        assertThat(stock.onHand("WC-40", "WS-TEH")).isZero();

        db.useTransaction(h -> stock.issue(serial, StockRef.of("handover", 4), actor));
        assertThat(stock.onHand("WC-40", "C-ISF-1")).isZero();
        db.useTransaction(h -> stock.returnUnit(serial, "C-ISF-1", StockRef.none(), actor));
        assertThat(stock.unit(serial).status()).isEqualTo("in_repair");
        db.useTransaction(h -> stock.scrap(serial, StockRef.none(), actor));
        assertThat(stock.onHand("WC-40", "C-ISF-1")).isZero().isEqualTo(sumOfMovements("WC-40", "C-ISF-1"));
        assertThat(stock.ledger(null, null, serial, 100)).extracting(Movement::reason)
                .containsExactly("scrap", "return", "issue", "transfer", "transfer", "reservation", "release");
    }

    @Test
    void random_operations_keep_balances_non_negative_and_equal_to_the_units_on_the_shelf() {
        Random random = new Random(7);
        List<String> places = List.of("WS-TEH", "NW", "PW-ISF", "C-ISF-1");
        for (int i = 0; i < 120; i++) {
            List<String> serials = stock.units("WC-40", null, null).stream().map(StockUnit::serial).toList();
            int next = i;
            int op = random.nextInt(6);
            String place = places.get(random.nextInt(places.size()));
            String serial = serials.isEmpty() ? null : serials.get(random.nextInt(serials.size()));
            try {
                db.useTransaction(h -> {
                    switch (op) {
                        case 0 -> stock.receive("CASTOR-8", place, 1 + random.nextInt(5), StockRef.none(), actor, null);
                        case 1 -> stock.consume(Map.of("CASTOR-8", 1L + random.nextInt(4)), place, StockRef.none(), actor);
                        case 2 -> stock.transferQuantity("CASTOR-8", place, places.get(random.nextInt(4)),
                                1 + random.nextInt(4), StockRef.none(), actor);
                        case 3 -> {
                            stock.receiveReleasedUnit("S-" + next, "WC-40", "WS-TEH", StockRef.none(), actor);
                        }
                        case 4 -> {
                            if (serial != null) {
                                stock.transferUnit(serial, place, StockRef.none(), actor);
                            }
                        }
                        default -> {
                            if (serial != null) {
                                stock.issue(serial, StockRef.none(), actor);
                            }
                        }
                    }
                    if (random.nextInt(5) == 0) {
                        throw new IllegalStateException("caller gave up");
                    }
                });
            } catch (Conflict | InvalidInput | IllegalStateException refusedOrRolledBack) {
                // refusals and rollbacks are part of the walk; the invariants below must still hold
            }
            for (String p : places) {
                long castors = stock.onHand("CASTOR-8", p);
                assertThat(castors).isNotNegative().isEqualTo(sumOfMovements("CASTOR-8", p));
                long shelf = stock.units("WC-40", p, null).stream()
                        .filter(u -> List.of("available", "reserved", "in_repair").contains(u.status())).count();
                assertThat(stock.onHand("WC-40", p)).as("wheelchairs at " + p).isEqualTo(shelf);
            }
        }
        assertThat(count("stock_movements")).isGreaterThan(20);
    }

    @Test
    void the_ledger_refuses_edits_and_deletes() {
        db.useTransaction(h -> stock.receive("TUBE-22", "WS-TEH", 3, StockRef.none(), actor, null));
        assertThatThrownBy(() -> db.useTransaction(h -> h.execute("UPDATE stock_movements SET quantity = 300")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.useTransaction(h -> h.execute("DELETE FROM stock_movements")))
                .hasMessageContaining("append-only");
        assertThat(stock.onHand("TUBE-22", "WS-TEH")).isEqualTo(3);
    }

    @Test
    void locations_follow_the_hierarchy_with_province_codes() {
        assertThatThrownBy(() -> stock.createLocation(new Stock.NewLocation("C-X", "مرکز", "centre", "NW", "04"), actor))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("parentCode"));
        assertThatThrownBy(() -> stock.createLocation(new Stock.NewLocation("C-Y", "مرکز", "centre", "PW-ISF", "23"), actor))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("provinceCode"));
        assertThatThrownBy(() -> stock.createLocation(new Stock.NewLocation("PW-Z", "انبار", "provincial_warehouse", "NW", null), actor))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("provinceCode"));
        assertThatThrownBy(() -> stock.createLocation(new Stock.NewLocation("PW-Q", "انبار", "provincial_warehouse", "NW",
                "IR-10"), actor))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.getMessage()).contains("01..31"));
        assertThat(stock.locations()).extracting(Location::code).containsExactly("WS-TEH", "NW", "PW-ISF", "C-ISF-1");
    }

    @Test
    void a_shipment_stays_on_the_senders_books_committed_until_received_with_proof() {
        Shipments shipments = new Shipments(db, stock, new AuditLog(Json.mapper(), Clock.systemUTC()), Clock.systemUTC());
        db.useTransaction(h -> {
            stock.receive("CASTOR-8", "WS-TEH", 10, StockRef.none(), actor, "opening balance");
            stock.receiveReleasedUnit("U-1", "WC-40", "WS-TEH", StockRef.of("work_order", 1), actor);
            stock.receiveReleasedUnit("U-2", "WC-40", "WS-TEH", StockRef.of("work_order", 1), actor);
        });
        Shipments.ShipmentView sent = shipments.dispatch(new Shipments.NewShipment("WS-TEH", "C-ISF-1", List.of(
                new Shipments.Line("U-1", null, null), new Shipments.Line(null, "CASTOR-8", 4L)), "پست", "two cushions"), actor);
        assertThat(sent.status()).isEqualTo("dispatched");
        assertThat(sent.lines()).extracting(Shipments.LineView::sku).containsExactly("WC-40", "CASTOR-8");

        // In transit: still on the sender's books, but nobody can use, move or ship it again.
        assertThat(stock.onHand("CASTOR-8", "WS-TEH")).isEqualTo(10);
        assertThat(stock.unit("U-1").locationCode()).isEqualTo("WS-TEH");
        assertThatThrownBy(() -> db.useTransaction(h -> stock.consume(Map.of("CASTOR-8", 7L), "WS-TEH",
                StockRef.none(), actor))).isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.reason()).isEqualTo("stock_short"));
        assertThatThrownBy(() -> db.useTransaction(h -> stock.transferUnit("U-1", "NW", StockRef.none(), actor)))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.reason()).isEqualTo("unit_in_transit"));
        assertThatThrownBy(() -> db.useTransaction(h -> stock.issue("U-1", StockRef.none(), actor)))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.reason()).isEqualTo("unit_in_transit"));
        assertThatThrownBy(() -> shipments.dispatch(new Shipments.NewShipment("WS-TEH", "NW", List.of(
                new Shipments.Line("U-1", null, null)), null, null), actor))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.reason()).isEqualTo("unit_in_transit"));
        // A count of the shelf (6 castors left on it) records no variance: 4 are in the truck.
        Optional<Movement> variance = db.inTransaction(h -> stock.recordCount("CASTOR-8", "WS-TEH", 6, actor, "shelf"));
        assertThat(variance).isEmpty();

        // A receipt rolled back by its caller changes nothing.
        assertThatThrownBy(() -> db.useTransaction(h -> {
            shipments.receive(sent.id(), new Shipments.Receipt("مسئول مرکز", "POD-1"), actor);
            throw new IllegalStateException("the caller fails after the receipt");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(shipments.get(sent.id()).status()).isEqualTo("dispatched");
        assertThat(stock.onHand("CASTOR-8", "C-ISF-1")).isZero();
        assertThat(stock.unit("U-1").locationCode()).isEqualTo("WS-TEH");

        assertThatThrownBy(() -> shipments.receive(sent.id(), new Shipments.Receipt("مسئول مرکز", " "), actor))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("proofOfDelivery"));
        Shipments.ShipmentView received = shipments.receive(sent.id(), new Shipments.Receipt("مسئول مرکز", "POD-1"), actor);
        assertThat(received.status()).isEqualTo("received");
        assertThat(received.proofOfDelivery()).isEqualTo("POD-1");
        assertThat(stock.unit("U-1").locationCode()).isEqualTo("C-ISF-1");
        for (String[] at : new String[][] {{"CASTOR-8", "WS-TEH"}, {"CASTOR-8", "C-ISF-1"}, {"WC-40", "WS-TEH"},
                {"WC-40", "C-ISF-1"}}) {
            assertThat(stock.onHand(at[0], at[1])).as(at[0] + "@" + at[1]).isEqualTo(sumOfMovements(at[0], at[1]));
        }
        assertThat(stock.onHand("CASTOR-8", "C-ISF-1")).isEqualTo(4);
        assertThat(stock.onHand("CASTOR-8", "WS-TEH")).isEqualTo(6);
        assertThat(stock.ledger(null, null, "U-1", 10)).filteredOn(m -> "shipment".equals(m.refType())).hasSize(2);
        List<String> actions = db.read(h -> h.createQuery("""
                        SELECT action FROM audit_log WHERE entity_type = 'stock_shipment' AND entity_id = :id ORDER BY id""")
                .bind("id", String.valueOf(sent.id())).mapTo(String.class).list());
        assertThat(actions).containsExactly("stock.shipment_dispatched", "stock.shipment_received");
        assertThatThrownBy(() -> shipments.receive(sent.id(), new Shipments.Receipt("x", "POD-2"), actor))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.reason()).isEqualTo("shipment_already_received"));
        // Now free: U-1 can move on, and U-2 was never held.
        db.useTransaction(h -> stock.transferUnit("U-2", "NW", StockRef.none(), actor));
    }

    @Test
    void a_bad_packing_list_is_refused_with_nothing_written() {
        Shipments shipments = new Shipments(db, stock, new AuditLog(Json.mapper(), Clock.systemUTC()), Clock.systemUTC());
        db.useTransaction(h -> {
            stock.receive("CASTOR-8", "WS-TEH", 3, StockRef.none(), actor, null);
            stock.receiveReleasedUnit("U-9", "WC-40", "NW", StockRef.of("work_order", 1), actor);
        });
        List<List<Shipments.Line>> bad = List.of(
                List.of(),
                List.of(new Shipments.Line("U-9", null, null)),                       // not at the sender
                List.of(new Shipments.Line(null, "CASTOR-8", 4L)),                    // short
                List.of(new Shipments.Line(null, "CASTOR-8", 0L)),
                List.of(new Shipments.Line("NOPE", null, null)),
                List.of(new Shipments.Line("U-9", "CASTOR-8", 1L)),
                List.of(new Shipments.Line(null, "WC-40", 1L)));                      // finished goods go by serial
        long rows = stock.ledger(null, null, null, 1000).size();
        long audited = auditRows();
        for (List<Shipments.Line> lines : bad) {
            assertThatThrownBy(() -> shipments.dispatch(new Shipments.NewShipment("WS-TEH", "C-ISF-1", lines, null, null),
                    actor)).as(lines.toString()).isInstanceOfAny(InvalidInput.class, Conflict.class);
        }
        assertThatThrownBy(() -> shipments.dispatch(new Shipments.NewShipment("WS-TEH", "WS-TEH",
                List.of(new Shipments.Line(null, "CASTOR-8", 1L)), null, null), actor)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> shipments.dispatch(new Shipments.NewShipment("WS-TEH", "NOWHERE",
                List.of(new Shipments.Line(null, "CASTOR-8", 1L)), null, null), actor)).isInstanceOf(InvalidInput.class);
        assertThat(shipments.list(null, null)).isEmpty();
        assertThat(stock.ledger(null, null, null, 1000)).hasSize((int) rows);
        assertThat(auditRows()).as("a refused dispatch writes no audit row").isEqualTo(audited);
    }

    @Test
    void a_count_records_the_variance_and_reorder_alerts_follow_the_balance() {
        db.useTransaction(h -> stock.receive("CASTOR-8", "WS-TEH", 25, StockRef.none(), actor, null));
        assertThat(stock.reorderAlerts("WS-TEH")).isEmpty();
        Movement adjustment = db.inTransaction(h -> stock.recordCount("CASTOR-8", "WS-TEH", 17, actor, "two broken")).orElseThrow();
        assertThat(adjustment.quantity()).isEqualTo(-8);
        assertThat(adjustment.reason()).isEqualTo("count_adjustment");
        assertThat(stock.reorderAlerts("WS-TEH")).extracting(OnHand::sku, OnHand::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CASTOR-8", 17L));
    }

    long auditRows() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }

    long sumOfMovements(String sku, String location) {
        return db.read(h -> h.createQuery("""
                        SELECT COALESCE(SUM(m.quantity), 0) FROM stock_movements m
                          JOIN stock_items i ON i.id = m.item_id JOIN stock_locations l ON l.id = m.location_id
                         WHERE i.sku = :sku AND l.code = :location""")
                .bind("sku", sku).bind("location", location).mapTo(Long.class).one());
    }

    long count(String table) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
