package org.tavan.allocation;

import java.time.LocalDate;
import java.util.List;

/**
 * Allocations against registered need by province and group, time waited, the shares of the
 * latest run, and ({@code period}) each province's cumulative allocations of each device class
 * in the policy period against its exact share of them.
 */
public record FairnessReport(String policyVersion, LocalDate asOf, long totalNeed, long totalAllocated,
                             List<ProvinceLine> provinces, List<GroupLine> groups, List<WaitingBucket> waitingTime,
                             Long latestRunId, List<MatchResult.ProvinceShare> latestShares, List<PeriodLine> period) {

    public record ProvinceLine(String province, String name, long registeredNeed, long waiting, long allocated,
                               double needShare, double allocationShare) {
    }

    public record GroupLine(String group, long registeredNeed, long allocated) {
    }

    public record WaitingBucket(String months, long stillWaiting, long allocatedAfter) {
    }

    /**
     * One province's allocations of one device class in the policy period: {@code allocated}
     * approved round-1 and manual units, {@code exactShare} its exact share of the class's
     * period total at today's registered need (people waiting), {@code round2} national second
     * round units, apart. {@code allocatedBar} and {@code exactBar}: percent of the class's
     * largest value, for the chart.
     */
    public record PeriodLine(String deviceClass, String province, String name, long waiting, long allocated,
                             double exactShare, long round2, double allocatedBar, double exactBar) {
    }
}
