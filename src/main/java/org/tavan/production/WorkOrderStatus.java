package org.tavan.production;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import org.tavan.errors.InvalidInput;

/** A work order is open (being planned) until it is released, which makes its units. */
public enum WorkOrderStatus {
    OPEN, RELEASED;

    /** As stored in {@code work_orders.status} and shown in the API. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WorkOrderStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** A filter typed by a client: null means any status. */
    static WorkOrderStatus parseFilter(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (WorkOrderStatus s : values()) {
            if (s.code().equals(raw)) {
                return s;
            }
        }
        throw new InvalidInput("status", "Status must be open or released, not '" + raw + "'");
    }
}
