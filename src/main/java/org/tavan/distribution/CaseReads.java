package org.tavan.distribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tavan.storage.Database;

/**
 * What the officers' screens need of service cases beyond {@link Distribution}'s own reads:
 * a person's cases and counts by status. Read only; every change goes through Distribution.
 */
final class CaseReads {

    private final Database db;

    CaseReads(Database db) {
        this.db = db;
    }

    /** Ids of a person's service cases, oldest first. */
    List<Long> ofPerson(long beneficiaryId) {
        return db.read(h -> h.createQuery("SELECT id FROM service_cases WHERE beneficiary_id = :b ORDER BY id")
                .bind("b", beneficiaryId).mapTo(Long.class).list());
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
