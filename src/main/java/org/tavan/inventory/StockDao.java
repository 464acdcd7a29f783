package org.tavan.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The stock ledger's SQL: locations, items, movements, serialized units and what shipments commit. */
@RegisterConstructorMapper(Location.class)
@RegisterConstructorMapper(StockItem.class)
@RegisterConstructorMapper(StockUnit.class)
@RegisterConstructorMapper(Movement.class)
@RegisterConstructorMapper(OnHand.class)
@RegisterConstructorMapper(StockDao.UnitRow.class)
interface StockDao {

    /** A unit's row as stored, with ids: what a move compares its guarded update against. */
    record UnitRow(String serial, long itemId, long locationId, String status, String reservedFor) {
    }

    String LOCATION = "SELECT id, code, name, kind, parent_id, province_code FROM stock_locations";
    String ITEM = "SELECT id, sku, name, kind, uom, reorder_level FROM stock_items";
    String UNIT = """
            SELECT u.serial, i.sku, l.code AS location_code, u.status, u.reserved_for, u.updated_at
              FROM stock_units u JOIN stock_items i ON i.id = u.item_id
              JOIN stock_locations l ON l.id = u.location_id
            """;
    String MOVEMENT = """
            SELECT m.id, m.at, i.sku, l.code AS location_code, m.quantity, m.reason, m.serial, m.status_after,
                   m.ref_type, m.ref_id, m.move_group, m.actor, m.note
              FROM stock_movements m
              JOIN stock_items i ON i.id = m.item_id
              JOIN stock_locations l ON l.id = m.location_id
            """;

    // ---------------------------------------------------------------- locations and items

    @SqlUpdate("""
            INSERT INTO stock_locations (code, name, kind, parent_id, province_code, created_at)
            VALUES (:code, :name, :kind, :parentId, :province, :now)""")
    @GetGeneratedKeys("id")
    long insertLocation(String code, String name, String kind, Long parentId, String province, Instant now);

    @SqlQuery(LOCATION + " ORDER BY id")
    List<Location> locations();

    @SqlQuery(LOCATION + " WHERE code = :code")
    Optional<Location> location(String code);

    @SqlQuery(LOCATION + " WHERE id = :id")
    Location locationById(long id);

    @SqlUpdate("""
            INSERT INTO stock_items (sku, name, kind, uom, reorder_level, created_at)
            VALUES (:sku, :name, :kind, :uom, :reorder, :now)""")
    @GetGeneratedKeys("id")
    long insertItem(String sku, String name, String kind, String uom, long reorder, Instant now);

    @SqlQuery(ITEM + " ORDER BY sku")
    List<StockItem> items();

    @SqlQuery(ITEM + " WHERE sku = :sku")
    Optional<StockItem> item(String sku);

    @SqlQuery(ITEM + " WHERE id = :id")
    StockItem itemById(long id);

    /**
     * A no-op update that takes the item's row lock on PostgreSQL (SQLite's one writer is
     * already serialised by BEGIN IMMEDIATE), so two concurrent consumers cannot both see
     * enough stock and drive the balance negative.
     */
    @SqlUpdate("UPDATE stock_items SET reorder_level = reorder_level WHERE id = :id")
    void lockItem(long id);

    // ---------------------------------------------------------------- the ledger

    @SqlUpdate("""
            INSERT INTO stock_movements (at, item_id, location_id, quantity, reason, serial, status_after,
                                         ref_type, ref_id, move_group, actor, note)
            VALUES (:at, :item, :location, :quantity, :reason, :serial, :statusAfter, :refType, :refId,
                    :group, :actor, :note)""")
    @GetGeneratedKeys("id")
    long insertMovement(Instant at, long item, long location, long quantity, String reason, String serial,
                        String statusAfter, String refType, String refId, String group, String actor, String note);

    @SqlQuery("SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE item_id = :item AND location_id = :location")
    long onHand(long item, long location);

    /** Counted goods on dispatched, not yet received shipments from the location: still on its books, not free. */
    @SqlQuery("""
            SELECT COALESCE(SUM(l.quantity), 0) FROM stock_shipment_lines l
              JOIN stock_shipments s ON s.id = l.shipment_id
             WHERE s.status = 'dispatched' AND s.from_location_id = :location AND l.item_id = :item
               AND l.serial IS NULL""")
    long committed(long item, long location);

    @SqlQuery("""
            SELECT i.sku, i.name, i.kind, l.code AS location_code, SUM(m.quantity) AS quantity, i.reorder_level,
                   (i.kind = 'component' AND SUM(m.quantity) < i.reorder_level) AS below_reorder_level
              FROM stock_movements m
              JOIN stock_items i ON i.id = m.item_id
              JOIN stock_locations l ON l.id = m.location_id
             WHERE (CAST(:location AS TEXT) IS NULL OR l.code = :location)
               AND (CAST(:sku AS TEXT) IS NULL OR i.sku = :sku)
             GROUP BY i.sku, i.name, i.kind, l.code, i.reorder_level
             ORDER BY l.code, i.sku""")
    List<OnHand> balances(String location, String sku);

    @SqlQuery(MOVEMENT + """
             WHERE (CAST(:sku AS TEXT) IS NULL OR i.sku = :sku)
               AND (CAST(:location AS TEXT) IS NULL OR l.code = :location)
               AND (CAST(:serial AS TEXT) IS NULL OR m.serial = :serial)
             ORDER BY m.id DESC
             LIMIT :limit""")
    List<Movement> ledger(String sku, String location, String serial, int limit);

    // ---------------------------------------------------------------- serialized units

    @SqlQuery(UNIT + " WHERE u.serial = :serial")
    Optional<StockUnit> unit(String serial);

    @SqlQuery(UNIT + """
             WHERE (CAST(:sku AS TEXT) IS NULL OR i.sku = :sku)
               AND (CAST(:location AS TEXT) IS NULL OR l.code = :location)
               AND (CAST(:status AS TEXT) IS NULL OR u.status = :status)
             ORDER BY u.serial""")
    List<StockUnit> units(String sku, String location, String status);

    @SqlQuery("SELECT serial, item_id, location_id, status, reserved_for FROM stock_units WHERE serial = :serial")
    Optional<UnitRow> unitRow(String serial);

    @SqlUpdate("""
            INSERT INTO stock_units (serial, item_id, location_id, status, reserved_for, updated_at)
            VALUES (:serial, :item, :location, 'available', NULL, :now)""")
    void insertUnit(String serial, long item, long location, Instant now);

    /**
     * Conditional on the status and place read earlier, so two transactions that both read
     * 'available' cannot both reserve: the second one updates no row and is refused.
     */
    @SqlUpdate("""
            UPDATE stock_units SET location_id = :location, status = :status, reserved_for = :reservedFor,
                   updated_at = :at
             WHERE serial = :serial AND status = :before AND location_id = :beforeLocation""")
    int moveUnit(String serial, String before, long beforeLocation, long location, String status, String reservedFor,
                 Instant at);

    /** The dispatched shipment a unit is on, if any. */
    @SqlQuery("""
            SELECT s.id FROM stock_shipment_lines l JOIN stock_shipments s ON s.id = l.shipment_id
             WHERE l.serial = :serial AND s.status = 'dispatched' LIMIT 1""")
    Optional<Long> shipmentInTransit(String serial);
}
