package org.tavan.audit;

import java.time.Instant;

/**
 * One row of the audit log as screens and the API show it. {@code at} is when the change reached
 * the server; {@code tappedAt} when the person tapped it, for an action a tablet sent later (else null).
 */
public record AuditEntry(long id, Instant at, Instant tappedAt, String actor, String action, String entityType, String entityId,
                         String beforeJson, String afterJson, String requestId) {
}
