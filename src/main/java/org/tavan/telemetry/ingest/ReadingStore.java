package org.tavan.telemetry.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.storage.Database;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;

/**
 * Readings on disk: one row per frame, values packed as doubles next to a reference to the
 * frame's layout (names and units, stored once). Inserts ignore a frame already stored under
 * the same (rig, sequence, epoch) or, without a sequence, the same (rig, content hash); the
 * caller learns which rows were new.
 */
public final class ReadingStore {

    private final Database db;
    private final ObjectMapper json;
    private final Map<String, Long> layoutIds = new ConcurrentHashMap<>();

    public ReadingStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * A frame to store; {@code sequence} null means: deduplicate by {@code contentHash} alone.
     * {@code epoch} is the rig's sequence epoch, assigned by {@link SequenceEpochs} in the
     * inserting transaction.
     */
    record Row(String rigId, Long sequence, long epoch, byte[] contentHash, Instant deviceTime, Instant receivedAt,
               long layoutId, byte[] values, String eventsJson) {

        Row inEpoch(long e) {
            return new Row(rigId, sequence, e, contentHash, deviceTime, receivedAt, layoutId, values, eventsJson);
        }
    }

    public record MeasurementView(String name, double value, String unit) {
    }

    public record ReadingView(long id, Long sequence, Instant deviceTime, Instant receivedAt,
                              List<MeasurementView> measurements, List<RigEvent> events) {
    }

    Row row(String rigId, Instant receivedAt, byte[] raw, DecodedFrame frame) {
        List<Measurement> ms = frame.measurements();
        ByteBuffer values = ByteBuffer.allocate(ms.size() * Double.BYTES);
        ms.forEach(m -> values.putDouble(m.value()));
        Long sequence = frame.sequence().isPresent() ? frame.sequence().getAsLong() : null;
        return new Row(rigId, sequence, 0, sha256(raw), frame.deviceTime().orElse(null),
                receivedAt, layoutId(ms), values.array(), frame.events().isEmpty() ? null : toJson(frame.events()));
    }

    /** Inserts in the caller's transaction; element i is true when row i was new. */
    boolean[] insert(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return new boolean[0];
        }
        // Plain JDBC for the one statement on the ingest hot path: JDBI's per-argument binding
        // was a sixth of the writer thread's time in the benchmark profile. Instants are epoch
        // milliseconds, as InstantColumns stores them everywhere else.
        int[] counts;
        try (java.sql.PreparedStatement st = h.getConnection().prepareStatement("""
                INSERT INTO readings (rig_id, sequence, seq_epoch, content_hash, device_time, received_at, layout_id,
                                      value_bytes, events_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            for (Row r : rows) {
                st.setString(1, r.rigId());
                st.setObject(2, r.sequence(), java.sql.Types.BIGINT);
                st.setLong(3, r.epoch());
                st.setBytes(4, r.contentHash());
                st.setObject(5, r.deviceTime() == null ? null : r.deviceTime().toEpochMilli(), java.sql.Types.BIGINT);
                st.setLong(6, r.receivedAt().toEpochMilli());
                st.setLong(7, r.layoutId());
                st.setBytes(8, r.values());
                st.setObject(9, r.eventsJson(), java.sql.Types.VARCHAR);
                st.addBatch();
            }
            counts = st.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
        }
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] != 0;
        }
        return inserted;
    }

    /** Newest first, by receive time. */
    public List<ReadingView> newest(String rigId, Instant since, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT r.id, r.sequence, r.device_time, r.received_at, r.value_bytes, r.events_json,
                               l.names_units
                          FROM readings r JOIN reading_layouts l ON l.id = r.layout_id
                         WHERE r.rig_id = :rig AND r.received_at >= :since
                         ORDER BY r.received_at DESC, r.id DESC
                         LIMIT :limit""")
                .bind("rig", rigId).bind("since", since).bind("limit", limit)
                .map((rs, ctx) -> {
                    long seq = rs.getLong("sequence");
                    Long sequence = rs.wasNull() ? null : seq;
                    long dt = rs.getLong("device_time");
                    Instant deviceTime = rs.wasNull() ? null : Instant.ofEpochMilli(dt);
                    return new ReadingView(rs.getLong("id"), sequence, deviceTime,
                            Instant.ofEpochMilli(rs.getLong("received_at")),
                            measurements(rs.getString("names_units"), rs.getBytes("value_bytes")),
                            events(rs.getString("events_json")));
                })
                .list());
    }

    /** One measurement of a stored frame; {@code readingId} is the frame's row, the id a verdict cites and holds. */
    public record StoredMeasurement(long readingId, Instant receivedAt, String name, double value, String unit) {
    }

    /**
     * The rig's frames received in [from, to], oldest first, one entry per measurement; in the
     * caller's transaction when there is one, so a verdict reads exactly what it then holds.
     */
    public List<StoredMeasurement> measurements(String rigId, Instant from, Instant to) {
        List<StoredMeasurement> out = new ArrayList<>();
        db.useTransaction(h -> h.createQuery("""
                        SELECT r.id, r.received_at, r.value_bytes, l.names_units
                          FROM readings r JOIN reading_layouts l ON l.id = r.layout_id
                         WHERE r.rig_id = :rig AND r.received_at >= :from AND r.received_at <= :to
                         ORDER BY r.received_at, r.id""")
                .bind("rig", rigId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    long id = rs.getLong(1);
                    Instant at = Instant.ofEpochMilli(rs.getLong(2));
                    for (MeasurementView m : measurements(rs.getString(4), rs.getBytes(3))) {
                        out.add(new StoredMeasurement(id, at, m.name(), m.value(), m.unit()));
                    }
                    return id;
                })
                .list());
        return out;
    }

    /**
     * Keeps these readings of the rig from retention for whoever cites them (a verdict, a
     * fitting). Stored as the range of their ids within that rig, as retention reads it.
     */
    public void hold(String rigId, List<Long> readingIds, String heldBy, Instant now) {
        if (readingIds.isEmpty()) {
            return;
        }
        db.useTransaction(h -> h.createUpdate("""
                        INSERT INTO reading_holds (first_reading_id, last_reading_id, rig_id, held_by, created_at)
                        VALUES (:first, :last, :rig, :by, :now)""")
                .bind("first", readingIds.stream().mapToLong(Long::longValue).min().orElseThrow())
                .bind("last", readingIds.stream().mapToLong(Long::longValue).max().orElseThrow())
                .bind("rig", rigId).bind("by", heldBy).bind("now", now).execute());
    }

    /**
     * Layouts are few and never change, so they are written in their own short transaction and
     * cached; the cache key is cheap to build, the JSON and its fingerprint are made only once.
     */
    private long layoutId(List<Measurement> ms) {
        StringBuilder key = new StringBuilder(ms.size() * 12);
        for (Measurement m : ms) {
            key.append(m.name()).append('\u0000').append(m.unit() == null ? "" : m.unit()).append('\u0001');
        }
        String cacheKey = key.toString();
        Long cached = layoutIds.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        List<List<String>> namesUnits = new ArrayList<>(ms.size());
        ms.forEach(m -> namesUnits.add(List.of(m.name(), m.unit() == null ? "" : m.unit())));
        String text = toJson(namesUnits);
        String fingerprint = HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
        long id = db.inTransaction(h -> {
            h.createUpdate("INSERT INTO reading_layouts (fingerprint, names_units) VALUES (:f, :t) ON CONFLICT DO NOTHING")
                    .bind("f", fingerprint).bind("t", text).execute();
            return h.createQuery("SELECT id FROM reading_layouts WHERE fingerprint = :f").bind("f", fingerprint)
                    .mapTo(Long.class).one();
        });
        layoutIds.put(cacheKey, id);
        return id;
    }

    private List<MeasurementView> measurements(String namesUnits, byte[] values) {
        List<List<String>> layout;
        try {
            layout = json.readValue(namesUnits, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt reading layout: " + e.getOriginalMessage(), e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(values);
        List<MeasurementView> out = new ArrayList<>(layout.size());
        for (List<String> nu : layout) {
            out.add(new MeasurementView(nu.get(0), buffer.getDouble(), nu.get(1)));
        }
        return out;
    }

    private List<RigEvent> events(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt reading events: " + e.getOriginalMessage(), e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
