package org.tavan.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.tavan.Json;
import org.tavan.auth.Scope;
import org.tavan.beneficiaries.AssessmentView;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.Province;
import org.tavan.storage.Database;

/**
 * The fairness report's counts: allocations against registered need by province and group,
 * time waited, and the shares of the latest run. Registered need counts every assessment that
 * is not closed (asked of Beneficiaries); allocated counts approved proposals, manual ones too.
 */
final class FairnessCounts {

    private final Database db;
    private final Beneficiaries beneficiaries;

    FairnessCounts(Database db, Beneficiaries beneficiaries) {
        this.db = db;
        this.beneficiaries = beneficiaries;
    }

    /**
     * Within a scope every count is the scope's: its need, its allocations, and the latest run's
     * shares of its provinces (a share is a count of units, no person's data).
     */
    Allocations.FairnessReport report(LocalDate asOf, String policyVersion, Scope scope) {
        List<Beneficiaries.RegisteredNeed> rows = beneficiaries.registeredNeed(scope);
        return db.read(h -> {
            Map<Long, Long> decidedAt = new HashMap<>();
            scope.bind(h.createQuery("""
                            SELECT assessment_id, MAX(decided_at) AS decided_at FROM proposals
                             WHERE status = 'approved' AND decided_at IS NOT NULL AND\s"""
                            + scope.where("province", "centre") + " GROUP BY assessment_id"))
                    .map((rs, ctx) -> Map.entry(rs.getLong("assessment_id"), rs.getLong("decided_at")))
                    .forEach(e -> decidedAt.put(e.getKey(), e.getValue()));
            Map<String, long[]> byProvince = new TreeMap<>();
            Map<String, long[]> byGroup = new LinkedHashMap<>();
            for (String g : List.of("child", "womanHeadOfHousehold", "rural", "none")) {
                byGroup.put(g, new long[2]);
            }
            String[] bucketNames = {"0-3", "3-6", "6-12", "12-24", "24+"};
            long[][] buckets = new long[bucketNames.length][2];
            long need = 0;
            long allocated = 0;
            for (Beneficiaries.RegisteredNeed r : rows) {
                Long decided = decidedAt.get(r.assessmentId());
                boolean isAllocated = decided != null && !r.status().equals(AssessmentView.WAITING);
                long[] p = byProvince.computeIfAbsent(r.province(), k -> new long[3]);
                p[0]++;
                need++;
                if (r.status().equals(AssessmentView.WAITING)) {
                    p[1]++;
                }
                if (isAllocated) {
                    p[2]++;
                    allocated++;
                }
                boolean child = ChronoUnit.YEARS.between(r.birthDate(), asOf) < 18;
                List<String> groups = new ArrayList<>();
                if (child) {
                    groups.add("child");
                }
                if (r.womanHeadOfHousehold()) {
                    groups.add("womanHeadOfHousehold");
                }
                if (r.rural()) {
                    groups.add("rural");
                }
                if (groups.isEmpty()) {
                    groups.add("none");
                }
                for (String g : groups) {
                    byGroup.get(g)[0]++;
                    if (isAllocated) {
                        byGroup.get(g)[1]++;
                    }
                }
                LocalDate registered = r.registeredOn();
                if (r.status().equals(AssessmentView.WAITING)) {
                    buckets[bucket(ChronoUnit.MONTHS.between(registered, asOf))][0]++;
                } else if (isAllocated) {
                    LocalDate decidedOn = LocalDate.ofInstant(Instant.ofEpochMilli(decided), ZoneOffset.UTC);
                    buckets[bucket(ChronoUnit.MONTHS.between(registered, decidedOn))][1]++;
                }
            }
            List<Allocations.ProvinceLine> provinces = new ArrayList<>();
            for (Map.Entry<String, long[]> e : byProvince.entrySet()) {
                long[] v = e.getValue();
                String name = Province.byCode(e.getKey()).map(Province::nameFa).orElse(e.getKey());
                provinces.add(new Allocations.ProvinceLine(e.getKey(), name, v[0], v[1], v[2], need == 0 ? 0 : (double) v[0] / need,
                        allocated == 0 ? 0 : (double) v[2] / allocated));
            }
            List<Allocations.GroupLine> groups = new ArrayList<>();
            byGroup.forEach((g, v) -> groups.add(new Allocations.GroupLine(g, v[0], v[1])));
            List<Allocations.WaitingBucket> waitingTime = new ArrayList<>();
            for (int i = 0; i < bucketNames.length; i++) {
                waitingTime.add(new Allocations.WaitingBucket(bucketNames[i], buckets[i][0], buckets[i][1]));
            }
            Long latestRun = h.createQuery("SELECT MAX(id) FROM allocation_runs").mapTo(Long.class).one();
            List<MatchResult.ProvinceShare> shares = latestRun == null ? List.of()
                    : fromJsonShares(h.createQuery("SELECT shares_json FROM allocation_runs WHERE id = :id")
                    .bind("id", latestRun).mapTo(String.class).one()).stream()
                    .filter(share -> scope.national() || scope.provinces().contains(share.province())).toList();
            return new Allocations.FairnessReport(policyVersion, asOf, need, allocated, provinces, groups, waitingTime,
                    latestRun, shares);
        });
    }

    private static int bucket(long months) {
        return months < 3 ? 0 : months < 6 ? 1 : months < 12 ? 2 : months < 24 ? 3 : 4;
    }

    private static List<MatchResult.ProvinceShare> fromJsonShares(String s) {
        try {
            return List.of(Json.mapper().readValue(s, MatchResult.ProvinceShare[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
