package org.tavan.rigs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rig as technicians see it: registry fields, status and what ingest counted. {@code status}
 * is online, offline or stalled (its gateway is up with the port open, but no frame came for
 * rigs.heartbeat.seconds); {@code gateway} is null for a rig never bridged by a gateway.
 */
public record RigView(String rigId, String profileId, String transport, String workshop, String station,
                      String calibrationCertificate, String calibrationDue, boolean active, String status,
                      Instant lastSeen, long framesAccepted, long framesRejected, long duplicates,
                      Map<String, Long> rejectionsByReason, List<Rejection> lastRejections, SequenceGaps sequenceGaps,
                      Gateway gateway, Instant createdAt, Instant updatedAt) {

    /**
     * The last heartbeat of the rig's gateway; {@code up} while further heartbeats are due (three
     * of its intervals), and only then do {@code portOpen} and {@code framesRead} tell the present.
     */
    public record Gateway(Instant seenAt, boolean up, boolean portOpen, long framesRead) {
    }

    public record Rejection(Instant at, String reason, String message) {
    }

    public record Gap(long firstMissing, long lastMissing, Instant detectedAt) {
    }

    /** {@code missingReadings} counts sequence numbers never received; {@code since} is the oldest open gap. */
    public record SequenceGaps(long missingReadings, int openRanges, Instant since, List<Gap> latestRanges) {
    }
}
