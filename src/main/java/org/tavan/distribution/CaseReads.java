package org.tavan.distribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.Json;
import org.tavan.auth.Scope;
import org.tavan.storage.Database;

/**
 * Service cases as screens and the API read them: flat queries, a fixed number per list
 * however many cases. Read only; every change goes through {@link Distribution}.
 */
final class CaseReads {

    private static final ObjectMapper JSON = Json.mapper();

    private final Database db;

    CaseReads(Database db) {
        this.db = db;
    }

    Map<String, Integer> countsByStatus(Scope scope) {
        return db.read(h -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            scope.bind(h.createQuery("SELECT status, COUNT(*) AS n FROM service_cases WHERE "
                            + scope.where("province", "centre") + " GROUP BY status"))
                    .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    private record Head(long id, long proposalId, long beneficiaryId, long assessmentId, String serial,
                        String deviceClass, String centre, String status) {
    }

    /**
     * The cases inside the scope chosen by {@code where} (over service_cases, one parameter :v),
     * each with its shipment, steps and follow-ups: four queries however many cases, not four per case.
     */
    List<Distribution.CaseView> cases(Handle h, Scope scope, String where, Object value) {
        List<Head> heads = scope.bind(h.createQuery("""
                        SELECT id, proposal_id, beneficiary_id, assessment_id, serial, device_class, centre, status
                          FROM service_cases WHERE\s""" + scope.where("province", "centre") + " AND " + where))
                .bind("v", value)
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
        if (heads.isEmpty()) {
            return List.of();
        }
        List<Long> ids = heads.stream().map(Head::id).toList();
        Map<Long, Distribution.ShipmentView> shipments = new HashMap<>();
        h.createQuery("SELECT * FROM shipments WHERE case_id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong("case_id"), new Distribution.ShipmentView(rs.getString("centre"),
                        tree(rs.getString("packing_list_json")), Instant.ofEpochMilli(rs.getLong("shipped_at")),
                        rs.getString("shipped_by"), instant(rs, "received_at"), rs.getString("received_by"),
                        rs.getString("proof_of_delivery"))))
                .forEach(e -> shipments.put(e.getKey(), e.getValue()));
        Map<Long, List<Distribution.StepView>> steps = new HashMap<>();
        h.createQuery("""
                        SELECT case_id, step, name, at, recorded_by, details_json FROM service_steps
                         WHERE case_id IN (<ids>) ORDER BY id""")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong("case_id"), new Distribution.StepView(rs.getInt("step"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("recorded_by"),
                        tree(rs.getString("details_json")))))
                .forEach(e -> steps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<Long, List<Distribution.FollowUpView>> followUps = new HashMap<>();
        h.createQuery("""
                        SELECT case_id, id, due_on, done_at, outcome, notes FROM follow_ups
                         WHERE case_id IN (<ids>) ORDER BY due_on, id""")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong("case_id"), new Distribution.FollowUpView(rs.getLong("id"),
                        rs.getString("due_on"), instant(rs, "done_at"), rs.getString("outcome"), rs.getString("notes"))))
                .forEach(e -> followUps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return heads.stream().map(c -> new Distribution.CaseView(c.id(), c.proposalId(), c.beneficiaryId(), c.assessmentId(),
                c.serial(), c.deviceClass(), c.centre(), c.status(), shipments.get(c.id()),
                List.copyOf(steps.getOrDefault(c.id(), List.of())),
                List.copyOf(followUps.getOrDefault(c.id(), List.of())))).toList();
    }


    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
