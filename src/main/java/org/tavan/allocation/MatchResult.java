package org.tavan.allocation;

import java.time.LocalDate;
import java.util.List;

/**
 * What one run of the matcher proposes, with the shares it computed, the units it could not
 * place and the seed of its random draw (published, so anyone can recompute the tie-breaks).
 */
public record MatchResult(String policyVersion, LocalDate asOf, List<Proposal> proposals, List<ProvinceShare> shares,
                          List<String> unassignedSerials, long drawSeed) {

    /**
     * A province's share of one device class. {@code exactShare} is its exact share of
     * everything shared in the policy period so far, this run included (v2: of this batch);
     * {@code allocatedBefore} what it had got in the period before this run; {@code quota} and
     * {@code reserved} this run's seats; {@code returned} reserved seats no group member
     * fitted, which went to the province's open seats; {@code used} round-1 units of this run
     * (never more than the quota); {@code round2} the units the province got in the national
     * second round, which are apart from the quota.
     */
    public record ProvinceShare(String deviceClass, String province, long weight, double exactShare, int quota,
                                int reserved, int used, int allocatedBefore, int returned, int round2) {
    }
}
