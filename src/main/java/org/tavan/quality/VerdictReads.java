package org.tavan.quality;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.tavan.errors.NotFound;

/** Verdicts as screens and the API read them, each with its nonconformance if it failed: one query per list. */
final class VerdictReads {

    private static final String SELECT = """
            SELECT v.id, v.session_id, v.serial, v.model_code, v.step_seq, v.station, v.plan_id, v.plan_code,
                   v.plan_version, v.outcome, v.detail_json, v.rig_id, v.rig_kind, v.rig_calibration_due,
                   v.rig_certificate, v.computed_at, v.computed_by, n.id AS nc
              FROM verdicts v LEFT JOIN nonconformances n ON n.verdict_id = v.id""";

    private final ObjectMapper json;

    VerdictReads(ObjectMapper json) {
        this.json = json;
    }

    TestSessions.VerdictView one(Handle h, long id) {
        return views(h.createQuery(SELECT + " WHERE v.id = :id").bind("id", id)).stream().findFirst()
                .orElseThrow(() -> new NotFound("Verdict", id));
    }

    List<TestSessions.VerdictView> ofUnit(Handle h, String serial) {
        return views(h.createQuery(SELECT + " WHERE v.serial = :s ORDER BY v.id").bind("s", serial));
    }

    private List<TestSessions.VerdictView> views(Query query) {
        return query.map((rs, ctx) -> {
            long due = rs.getLong("rig_calibration_due");
            Instant dueAt = rs.wasNull() ? null : Instant.ofEpochMilli(due);
            long nc = rs.getLong("nc");
            Long ncId = rs.wasNull() ? null : nc;
            return new TestSessions.VerdictView(rs.getLong("id"), rs.getLong("session_id"), rs.getString("serial"),
                    rs.getString("model_code"), rs.getInt("step_seq"), rs.getString("station"),
                    rs.getLong("plan_id"), rs.getString("plan_code"), rs.getInt("plan_version"),
                    rs.getString("outcome"), tree(rs.getString("detail_json")), rs.getString("rig_id"),
                    rs.getString("rig_kind"), dueAt, rs.getString("rig_certificate"),
                    Instant.ofEpochMilli(rs.getLong("computed_at")), rs.getString("computed_by"), ncId);
        }).list();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored verdict is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
