package org.tavan.production;

import java.util.Locale;

/** How a step visit ended: done moves the unit on, failed sends it to rework. */
enum StepOutcome {
    DONE, FAILED;

    /** As stored in {@code unit_steps.outcome}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
