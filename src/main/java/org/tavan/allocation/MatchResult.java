package org.tavan.allocation;

import java.time.LocalDate;
import java.util.List;

/** What one run of the matcher proposes, with the shares it computed and the units it could not place. */
public record MatchResult(String policyVersion, LocalDate asOf, List<Proposal> proposals, List<ProvinceShare> shares,
                          List<String> unassignedSerials) {

    /** A province's share of one device class's batch and how much of it was used. */
    public record ProvinceShare(String deviceClass, String province, long weight, double exactShare, int quota,
                                int reserved, int used) {
    }
}
