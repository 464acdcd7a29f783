package org.tavan.allocation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.tavan.beneficiaries.Beneficiaries;

/**
 * One person on the waiting list with one open assessment: the device class needed and the
 * measurements that decide fit. No personal data: the matcher needs none. {@code assessedOn}
 * is the date of the assessment (or referral) for this class: policy v3 counts waiting time
 * and breaks ties from it. {@code assessmentId} keys the run's random draw, so a person's draw
 * depends on nobody else.
 */
public record WaitingBeneficiary(long id, String province, boolean child, boolean womanHeadOfHousehold,
                                 boolean rural, LocalDate registeredOn, String deviceClass,
                                 Map<String, String> measurements, Urgency urgency, int needLevel,
                                 long assessmentId, LocalDate assessedOn) {
    public WaitingBeneficiary {
        measurements = Map.copyOf(measurements);
    }

    /** Assessed on the day of registration, the assessment keyed by the person (tests and older callers). */
    public WaitingBeneficiary(long id, String province, boolean child, boolean womanHeadOfHousehold, boolean rural,
                              LocalDate registeredOn, String deviceClass, Map<String, String> measurements,
                              Urgency urgency, int needLevel) {
        this(id, province, child, womanHeadOfHousehold, rural, registeredOn, deviceClass, measurements, urgency,
                needLevel, id, registeredOn);
    }

    /**
     * A waiting assessment as the policy scores it on {@code asOf}: a child is under 18 on that
     * day. The same rule as {@link Allocations#run}, so the waiting list shows the priorities the
     * matcher uses (WaitingListTest compares them).
     */
    public static WaitingBeneficiary of(Beneficiaries.Waiting w, LocalDate asOf) {
        boolean child = ChronoUnit.YEARS.between(w.birthDate(), asOf) < 18;
        return new WaitingBeneficiary(w.beneficiaryId(), w.province(), child, w.womanHeadOfHousehold(), w.rural(),
                w.registeredOn(), w.deviceClass(), w.measurements(), Urgency.parse("urgency", w.urgency()),
                w.needLevel(), w.assessmentId(), w.assessedOn());
    }
}
