package org.tavan.allocation;

import java.util.List;

/**
 * One proposed assignment with its reasons: the priority breakdown, the fit rules the unit
 * passed for this person (as text in {@code fitRulesPassed}, as data in {@code fitChecks}), the
 * share it used, the policy version that produced it and the assessment it serves.
 */
public record Proposal(String serial, String variantId, long beneficiaryId, String deviceClass, String province,
                       Policy.Score score, List<String> fitRulesPassed, List<FitRule.Check> fitChecks, ShareUsed share,
                       String policyVersion, long assessmentId) {

    /**
     * {@code seat} is "open" or "reserved:&lt;group&gt;"; round 1 uses the province's share,
     * round 2 ({@code seat} "national") the units no one in their province's share could use.
     */
    public record ShareUsed(String province, double exactShare, int quota, String seat, int round) {
    }
}
