package org.tavan.beneficiaries;

import java.util.Map;

/** One assessment (WHO step 2) with the measurements that decide fit; status waiting, allocated, served or closed. */
public record AssessmentView(long id, long beneficiaryId, String deviceClass, int needLevel, String urgency,
                             String environment, String referralSource, Map<String, String> measurements,
                             String assessedOn, String status) {

    public static final String WAITING = "waiting";
    public static final String ALLOCATED = "allocated";
    public static final String SERVED = "served";
    public static final String CLOSED = "closed";
}
