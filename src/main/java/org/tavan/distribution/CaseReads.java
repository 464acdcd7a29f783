package org.tavan.distribution;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tavan.storage.Database;

/**
 * What the officers' screens need of service cases beyond {@link Distribution}'s own reads:
 * counts by status. Read only; every change goes through Distribution.
 */
final class CaseReads {

    private final Database db;

    CaseReads(Database db) {
        this.db = db;
    }

    Map<String, Integer> countsByStatus() {
        return db.read(h -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            h.createQuery("SELECT status, COUNT(*) AS n FROM service_cases GROUP BY status")
                    .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }
}
