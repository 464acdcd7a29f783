package org.tavan.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.tavan.rigs.RigId;
import org.tavan.rigs.Rigs;
import org.tavan.telemetry.ingest.ReadingStore;

/**
 * How quality sees rigs: the registry's kind (the profile id, the same id a plan's
 * {@code rigKinds} names) and calibration, and the rig's stored frames, asked of the rigs and
 * telemetry features (each joins the caller's transaction). Reading storage and its format stay
 * telemetry's. A frame's measurements share the frame's id, which is the id a verdict cites and holds.
 */
public final class RegisteredRigData {

    private final Rigs rigs;
    private final ReadingStore readings;

    public RegisteredRigData(Rigs rigs, ReadingStore readings) {
        this.rigs = rigs;
        this.readings = readings;
    }

    /**
     * The registry keeps the due date as an ISO date; the rig may be used through that whole
     * day (UTC). A rig without a recorded calibration counts as overdue.
     */
    public Optional<RigFacts> rig(RigId rigId) {
        return rigs.active(rigId).map(r -> new RigFacts(r.rigId(), r.profileId(), dueInstant(r.calibrationDue()),
                r.calibrationCertificate()));
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
    public List<Reading> readings(RigId rigId, Instant from, Instant to) {
        return readings.measurements(rigId.value(), from, to).stream()
                .map(m -> new Reading(m.readingId(), m.receivedAt(), m.name(), m.value(), m.unit())).toList();
    }

    /** Keeps the readings a verdict (or a fitting) cites from being deleted by retention. */
    public void hold(RigId rigId, List<Long> readingIds, String heldBy, Instant now) {
        readings.hold(rigId.value(), readingIds, heldBy, now);
    }
}
