package org.tavan.inventory;

import java.time.Instant;

/** One ledger row. {@code moveGroup} ties together the rows of one operation (both legs of a transfer). */
public record Movement(long id, Instant at, String sku, String locationCode, long quantity, String reason,
                       String serial, String statusAfter, String refType, String refId, String moveGroup,
                       String actor, String note) {
}
