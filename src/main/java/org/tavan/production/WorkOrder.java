package org.tavan.production;

import java.time.Instant;
import java.time.LocalDate;

/** N units of one variant, to be built at one workshop by a due date. */
public record WorkOrder(long id, String variantCode, int quantity, String workshopCode, LocalDate dueDate,
                        WorkOrderStatus status, String note, Instant createdAt, String createdBy, Instant releasedAt,
                        String releasedBy) {
}
