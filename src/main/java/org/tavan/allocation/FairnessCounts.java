package org.tavan.allocation;

import java.time.LocalDate;
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
 * The fairness report's counts, all counted by the database (GROUP BY) so the report reads a
 * few hundred rows at national size: registered need from Beneficiaries (every assessment not
 * closed; allocated = allocated or served), allocations after waiting from allocation's own
 * proposals, and the policy period's cumulative allocations per device class and province.
 */
final class FairnessCounts {

    private static final List<String> BUCKETS = List.of("0-3", "3-6", "6-12", "12-24", "24+");

    private final Database db;
    private final Beneficiaries beneficiaries;

    FairnessCounts(Database db, Beneficiaries beneficiaries) {
        this.db = db;
        this.beneficiaries = beneficiaries;
    }

    /**
     * Within a scope every count is the scope's: its need, its allocations, and the latest run's
     * shares of its provinces (a share is a count of units, no person's data). The period's exact
     * shares are national (shares are), shown for the scope's provinces.
     */
    FairnessReport report(LocalDate asOf, String policyVersion, Scope scope) {
        List<Beneficiaries.NeedCount> rows = beneficiaries.needCounts(scope, asOf);
        Map<String, long[]> byProvince = new TreeMap<>();
        Map<String, long[]> byGroup = new LinkedHashMap<>();
        for (String g : List.of("child", "womanHeadOfHousehold", "rural", "none")) {
            byGroup.put(g, new long[2]);
        }
        Map<String, long[]> buckets = new LinkedHashMap<>();
        BUCKETS.forEach(b -> buckets.put(b, new long[2]));
        long need = 0;
        long allocated = 0;
        for (Beneficiaries.NeedCount r : rows) {
            boolean waiting = r.status().equals(AssessmentView.WAITING);
            boolean isAllocated = r.status().equals(AssessmentView.ALLOCATED) || r.status().equals(AssessmentView.SERVED);
            long[] p = byProvince.computeIfAbsent(r.province(), k -> new long[3]);
            p[0] += r.count();
            need += r.count();
            p[1] += waiting ? r.count() : 0;
            p[2] += isAllocated ? r.count() : 0;
            allocated += isAllocated ? r.count() : 0;
            boolean none = true;
            for (String g : List.of("child", "womanHeadOfHousehold", "rural")) {
                boolean in = g.equals("child") ? r.child() : g.equals("rural") ? r.rural() : r.womanHeadOfHousehold();
                if (in) {
                    none = false;
                    add(byGroup.get(g), r.count(), isAllocated);
                }
            }
            if (none) {
                add(byGroup.get("none"), r.count(), isAllocated);
            }
            if (waiting) {
                buckets.get(r.waited())[0] += r.count();
            }
        }
        List<FairnessReport.ProvinceLine> provinces = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byProvince.entrySet()) {
            long[] v = e.getValue();
            provinces.add(new FairnessReport.ProvinceLine(e.getKey(), name(e.getKey()), v[0], v[1], v[2],
                    need == 0 ? 0 : (double) v[0] / need, allocated == 0 ? 0 : (double) v[2] / allocated));
        }
        List<FairnessReport.GroupLine> groups = new ArrayList<>();
        byGroup.forEach((g, v) -> groups.add(new FairnessReport.GroupLine(g, v[0], v[1])));
        long totalNeed = need;
        long totalAllocated = allocated;
        return db.read(h -> {
            // Time waited until the approval, as the proposal's score counted it (policy v3: since the assessment).
            scope.bind(h.createQuery("""
                            SELECT CASE WHEN waited_months < 3 THEN '0-3' WHEN waited_months < 6 THEN '3-6'
                                        WHEN waited_months < 12 THEN '6-12' WHEN waited_months < 24 THEN '12-24'
                                        ELSE '24+' END AS bucket, COUNT(*) AS n
                              FROM proposals WHERE status = 'approved' AND waited_months IS NOT NULL AND\s"""
                            + scope.where("province", "centre") + " GROUP BY 1"))
                    .map((rs, ctx) -> Map.entry(rs.getString("bucket"), rs.getLong("n")))
                    .forEach(e -> buckets.get(e.getKey())[1] += e.getValue());
            List<FairnessReport.WaitingBucket> waitingTime = new ArrayList<>();
            buckets.forEach((b, v) -> waitingTime.add(new FairnessReport.WaitingBucket(b, v[0], v[1])));
            Long latestRun = h.createQuery("SELECT MAX(id) FROM allocation_runs").mapTo(Long.class).one();
            List<MatchResult.ProvinceShare> shares = latestRun == null ? List.of()
                    : fromJsonShares(h.createQuery("SELECT shares_json FROM allocation_runs WHERE id = :id")
                    .bind("id", latestRun).mapTo(String.class).one()).stream()
                    .filter(share -> scope.national() || scope.provinces().contains(share.province())).toList();
            return new FairnessReport(policyVersion, asOf, totalNeed, totalAllocated, provinces, groups, waitingTime,
                    latestRun, shares, period(h, policyVersion, scope, asOf));
        });
    }

    /**
     * The period's lines: approved units per class and province counted by round in SQL; the
     * exact share of the class's period total (round 1 and manual) in proportion to the people
     * waiting now, nationally (registered need counted by Beneficiaries, also in SQL).
     */
    private List<FairnessReport.PeriodLine> period(org.jdbi.v3.core.Handle h, String policyVersion, Scope scope,
                                                   LocalDate asOf) {
        Map<String, Map<String, long[]>> byClass = new TreeMap<>();
        h.createQuery("""
                        SELECT device_class, province, CASE WHEN share_round = 2 THEN 2 ELSE 1 END AS r, COUNT(*) AS n
                          FROM proposals WHERE policy_version = :v AND status = 'approved' AND share_round IS NOT NULL
                         GROUP BY 1, 2, 3""")
                .bind("v", policyVersion)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)}).list()
                .forEach(r -> byClass.computeIfAbsent((String) r[0], k -> new TreeMap<>())
                        .computeIfAbsent((String) r[1], k -> new long[3])[(int) r[2]] += (long) r[3]);
        for (Beneficiaries.NeedCount c : beneficiaries.needCounts(Scope.NATIONAL, asOf)) {
            if (c.status().equals(AssessmentView.WAITING) && byClass.containsKey(c.deviceClass())) {
                byClass.get(c.deviceClass()).computeIfAbsent(c.province(), k -> new long[3])[0] += c.count();
            }
        }
        List<FairnessReport.PeriodLine> lines = new ArrayList<>();
        byClass.forEach((cls, provinces) -> {
            long total = provinces.values().stream().mapToLong(v -> v[1]).sum();
            long weights = provinces.values().stream().mapToLong(v -> v[0]).sum();
            Map<String, Double> exact = new HashMap<>();
            double top = 1;
            for (Map.Entry<String, long[]> e : provinces.entrySet()) {
                double x = weights == 0 ? 0 : (double) total * e.getValue()[0] / weights;
                exact.put(e.getKey(), x);
                top = Math.max(top, Math.max(x, e.getValue()[1]));
            }
            for (Map.Entry<String, long[]> e : provinces.entrySet()) {
                if (!scope.national() && !scope.provinces().contains(e.getKey())) {
                    continue;
                }
                long[] v = e.getValue();
                double x = exact.get(e.getKey());
                lines.add(new FairnessReport.PeriodLine(cls, e.getKey(), name(e.getKey()), v[0], v[1], x, v[2],
                        100.0 * v[1] / top, 100.0 * x / top));
            }
        });
        return lines;
    }

    /**
     * Units already allocated under the policy in force (its period: from its publication until
     * the next version), per device class and province: approved round-1 and manual proposals.
     * Round-2 units are apart from the shares; undecided and rejected proposals allocate nothing.
     */
    Map<String, Map<String, Integer>> allocatedInPeriod(String policyVersion) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        db.read(h -> h.createQuery("""
                        SELECT device_class, province, COUNT(*) AS n FROM proposals
                         WHERE policy_version = :v AND status = 'approved' AND share_round IN (0, 1)
                         GROUP BY device_class, province""")
                .bind("v", policyVersion)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)}).list())
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (Integer) r[2]));
        return out;
    }

    private static void add(long[] line, long count, boolean allocated) {
        line[0] += count;
        line[1] += allocated ? count : 0;
    }

    private static String name(String province) {
        return Province.byCode(province).map(Province::nameFa).orElse(province);
    }

    private static List<MatchResult.ProvinceShare> fromJsonShares(String s) {
        try {
            return List.of(Json.mapper().readValue(s, MatchResult.ProvinceShare[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
