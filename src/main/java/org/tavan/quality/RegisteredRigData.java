package org.tavan.quality;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

/**
 * How quality sees rigs: from the rig registry ({@code rigs}: kind = profile id, the same id a
 * plan's {@code rigKinds} names; calibration due date) and their ingested frames ({@code readings}
 * + {@code reading_layouts}), read in the caller's transaction, so quality needs no code of the
 * rigs or ingest features. A frame's measurements share the frame's id, which is the id a
 * verdict cites and holds.
 */
public final class RegisteredRigData {

    private final ObjectMapper json;

    public RegisteredRigData(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The registry keeps the due date as an ISO date; the rig may be used through that whole
     * day (UTC). A rig without a recorded calibration counts as overdue.
     */
    public Optional<RigFacts> rig(Handle h, String rigId) {
        return h.createQuery("SELECT rig_id, profile_id, calibration_due, calibration_cert FROM rigs WHERE rig_id = :id AND active = TRUE")
                .bind("id", rigId)
                .map((rs, ctx) -> new RigFacts(rs.getString(1), rs.getString(2), dueInstant(rs.getString(3)), rs.getString(4)))
                .findOne();
    }

    static Instant dueInstant(String isoDate) {
        if (isoDate == null || isoDate.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return LocalDate.parse(isoDate).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The rig's readings with {@code from <= at <= to}, oldest first. */
    public List<Reading> readings(Handle h, String rigId, Instant from, Instant to) {
        List<Reading> out = new ArrayList<>();
        h.createQuery("""
                        SELECT r.id, r.received_at, r.value_bytes, l.names_units
                          FROM readings r JOIN reading_layouts l ON l.id = r.layout_id
                         WHERE r.rig_id = :rig AND r.received_at >= :from AND r.received_at <= :to
                         ORDER BY r.received_at, r.id""")
                .bind("rig", rigId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    long id = rs.getLong(1);
                    Instant at = Instant.ofEpochMilli(rs.getLong(2));
                    ByteBuffer values = ByteBuffer.wrap(rs.getBytes(3));
                    for (List<String> nameUnit : layout(rs.getString(4))) {
                        out.add(new Reading(id, at, nameUnit.get(0), values.getDouble(), nameUnit.get(1)));
                    }
                    return id;
                })
                .list();
        return out;
    }

    /** Keeps the readings a verdict cites from being deleted by retention. */
    public void hold(Handle h, String rigId, List<Long> readingIds, String heldBy, Instant now) {
        if (readingIds.isEmpty()) {
            return;
        }
        h.createUpdate("""
                        INSERT INTO reading_holds (first_reading_id, last_reading_id, held_by, created_at)
                        VALUES (:first, :last, :by, :now)""")
                .bind("first", readingIds.stream().mapToLong(Long::longValue).min().orElseThrow())
                .bind("last", readingIds.stream().mapToLong(Long::longValue).max().orElseThrow())
                .bind("by", heldBy).bind("now", now).execute();
    }

    private List<List<String>> layout(String namesUnits) {
        try {
            return json.readValue(namesUnits, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt reading layout: " + e.getOriginalMessage(), e);
        }
    }
}
