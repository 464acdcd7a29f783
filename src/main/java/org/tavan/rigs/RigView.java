package org.tavan.rigs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rig as technicians see it: registry fields, status and what ingest counted. */
public record RigView(String rigId, String profileId, String transport, String workshop, String station,
                      String calibrationCertificate, String calibrationDue, boolean active, String status,
                      Instant lastSeen, long framesAccepted, long framesRejected, long duplicates,
                      Map<String, Long> rejectionsByReason, List<Rejection> lastRejections, SequenceGaps sequenceGaps,
                      Instant createdAt, Instant updatedAt) {

    public record Rejection(Instant at, String reason, String message) {
    }

    public record Gap(long firstMissing, long lastMissing, Instant detectedAt) {
    }

    /** {@code missingReadings} counts sequence numbers never received; {@code since} is the oldest open gap. */
    public record SequenceGaps(long missingReadings, int openRanges, Instant since, List<Gap> latestRanges) {
    }
}
