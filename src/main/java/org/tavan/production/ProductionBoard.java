package org.tavan.production;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tavan.catalog.Catalog;
import org.tavan.catalog.RoutingStep;
import org.tavan.storage.Database;

/** Reads over all units: the work-in-progress board and time and throughput per station. */
final class ProductionBoard {

    private final Database db;
    private final Catalog catalog;

    ProductionBoard(Database db, Catalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    Production.Board board() {
        return db.read(h -> {
            Map<String, List<RoutingStep>> routings = new LinkedHashMap<>();
            List<Production.BoardRow> rows = h.createQuery("""
                            SELECT u.serial, u.work_order_id, u.model_code, u.variant_code, u.step_seq, u.state,
                                   u.updated_at, w.due_date
                              FROM units u JOIN work_orders w ON w.id = u.work_order_id
                             WHERE u.state NOT IN ('released', 'scrapped')
                             ORDER BY w.due_date, u.serial""")
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8)})
                    .list().stream().map(r -> {
                        List<RoutingStep> routing = routings.computeIfAbsent((String) r[2], m -> catalog.routing(m));
                        int seq = (Integer) r[4];
                        String state = (String) r[5];
                        String station = UnitState.of(state).rework() ? UnitStore.REWORK_STATION
                                : UnitState.of(state) == UnitState.FINISHED ? "awaiting_release" : routing.get(seq - 1).station();
                        return new Production.BoardRow((String) r[0], (Long) r[1], (String) r[2], (String) r[3], seq,
                                routing.size(), station, state, Instant.ofEpochMilli((Long) r[6]), LocalDate.parse((String) r[7]));
                    }).toList();
            Map<String, Integer> perStation = new LinkedHashMap<>();
            rows.forEach(r -> perStation.merge(r.station(), 1, Integer::sum));
            return new Production.Board(perStation, rows);
        });
    }

    List<Production.StationStats> stationStats(Instant from, Instant to) {
        double days = Math.max(1.0 / 24, (to.toEpochMilli() - from.toEpochMilli()) / 86_400_000.0);
        return db.read(h -> h.createQuery("""
                        SELECT station,
                               SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END) AS completed,
                               SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed,
                               AVG(CAST(ended_at - started_at AS DOUBLE PRECISION)) AS avg_ms
                          FROM unit_steps
                         WHERE ended_at IS NOT NULL AND started_at >= :from AND started_at < :to
                         GROUP BY station
                         ORDER BY station""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Production.StationStats(rs.getString("station"), rs.getLong("completed"),
                        rs.getLong("failed"), Math.round(rs.getDouble("avg_ms") / 600.0) / 100.0,
                        Math.round(rs.getLong("completed") / days * 100) / 100.0))
                .list());
    }
}
