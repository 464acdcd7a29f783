package org.tavan.audit;

import java.time.Instant;

/** One row of the audit log as screens and the API show it. */
public record AuditEntry(long id, Instant at, String actor, String action, String entityType, String entityId,
                         String beforeJson, String afterJson, String requestId) {
}
