package org.tavan.inventory;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Shipments' SQL: heads and packing lists, read as two queries however many shipments a list shows. */
@RegisterConstructorMapper(ShipmentDao.Head.class)
@RegisterConstructorMapper(ShipmentDao.LineRow.class)
interface ShipmentDao {

    record Head(long id, String fromCode, String toCode, String status, String carrier, String notes, String refType,
                String refId, Instant dispatchedAt, String dispatchedBy, Instant receivedAt, String receivedBy,
                String proofOfDelivery) {
        Shipments.ShipmentView with(List<Shipments.LineView> lines) {
            return new Shipments.ShipmentView(id, fromCode, toCode, status, lines, carrier, notes, refType, refId,
                    dispatchedAt, dispatchedBy, receivedAt, receivedBy, proofOfDelivery);
        }
    }

    record LineRow(long shipmentId, int lineNo, String sku, String name, String serial, long quantity) {
    }

    String SELECT = """
            SELECT s.id, f.code AS from_code, t.code AS to_code, s.status, s.carrier, s.notes, s.ref_type, s.ref_id,
                   s.dispatched_at, s.dispatched_by, s.received_at, s.received_by, s.proof_of_delivery
              FROM stock_shipments s
              JOIN stock_locations f ON f.id = s.from_location_id
              JOIN stock_locations t ON t.id = s.to_location_id
            """;

    @SqlUpdate("""
            INSERT INTO stock_shipments (from_location_id, to_location_id, status, carrier, notes, ref_type,
                ref_id, dispatched_at, dispatched_by)
            VALUES (:from, :to, 'dispatched', :carrier, :notes, :refType, :refId, :now, :by)""")
    @GetGeneratedKeys("id")
    long insert(long from, long to, String carrier, String notes, String refType, String refId, Instant now, String by);

    @SqlUpdate("""
            INSERT INTO stock_shipment_lines (shipment_id, line_no, item_id, serial, quantity)
            VALUES (:shipment, :lineNo, :item, :serial, :quantity)""")
    void insertLine(long shipment, int lineNo, long item, String serial, long quantity);

    /** Guarded: of two receivers confirming at once, the second updates nothing. */
    @SqlUpdate("""
            UPDATE stock_shipments SET status = 'received', received_at = :now, received_by = :by,
                   proof_of_delivery = :proof
             WHERE id = :id AND status = 'dispatched'""")
    int markReceived(long id, Instant now, String by, String proof);

    @SqlQuery(SELECT + " WHERE s.id = :id")
    List<Head> head(long id);

    @SqlQuery(SELECT + """
             WHERE (CAST(:status AS TEXT) IS NULL OR s.status = :status)
               AND (CAST(:location AS TEXT) IS NULL OR f.code = :location OR t.code = :location)
             ORDER BY s.id DESC LIMIT 500""")
    List<Head> heads(String status, String location);

    @SqlQuery("""
            SELECT l.shipment_id, l.line_no, i.sku, i.name, l.serial, l.quantity
              FROM stock_shipment_lines l JOIN stock_items i ON i.id = l.item_id
             WHERE l.shipment_id IN (<ids>) ORDER BY l.shipment_id, l.line_no""")
    List<LineRow> lines(@BindList("ids") List<Long> ids);
}
