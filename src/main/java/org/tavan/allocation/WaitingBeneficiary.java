package org.tavan.allocation;

import java.time.LocalDate;
import java.util.Map;

/**
 * One person on the waiting list with one open assessment: the device class needed and the
 * measurements that decide fit. No personal data: the matcher needs none.
 */
public record WaitingBeneficiary(long id, String province, boolean child, boolean womanHeadOfHousehold,
                                 boolean rural, LocalDate registeredOn, String deviceClass,
                                 Map<String, String> measurements, Urgency urgency, int needLevel) {
    public WaitingBeneficiary {
        measurements = Map.copyOf(measurements);
    }
}
