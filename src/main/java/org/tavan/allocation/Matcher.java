package org.tavan.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proposes which available unit goes to whom under a {@link Policy}. Pure: no database, no
 * clock; the same input (with the same draw seed) gives the same proposals. The method and
 * why it is exact are in docs/allocation.md ("Policy v3: the method").
 *
 * <p>Per device class: the batch is apportioned cumulatively over the policy period
 * ({@link Apportionment}); then people are taken one at a time in the strict priority order,
 * and each is served if the people already served and she can all be given a unit they fit
 * and a seat of their province's share (moving earlier people to other units or seats, never
 * dropping them). Feasible sets are closed under taking people out, so this greedy gives the
 * best set in the strict order; see {@link ClassMatch}.
 */
public final class Matcher {

    private final Policy policy;

    public Matcher(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    /** A run at the start of a policy period, with draw seed 0 (tests). */
    public MatchResult match(LocalDate asOf, List<AvailableUnit> units, List<WaitingBeneficiary> waiting) {
        return match(asOf, units, waiting, Map.of(), 0L);
    }

    /**
     * @param allocatedBefore per device class and province, the units already allocated in the
     *                        policy period (round 1 and manual; ignored if the policy's shares are not cumulative)
     * @param drawSeed        the run's published seed for the last tie-break
     */
    public MatchResult match(LocalDate asOf, List<AvailableUnit> units, List<WaitingBeneficiary> waiting,
                             Map<String, Map<String, Integer>> allocatedBefore, long drawSeed) {
        Map<String, List<AvailableUnit>> unitsByClass = new TreeMap<>();
        for (AvailableUnit u : units) {
            unitsByClass.computeIfAbsent(u.deviceClass(), k -> new ArrayList<>()).add(u);
        }
        Map<String, List<WaitingBeneficiary>> waitingByClass = new HashMap<>();
        for (WaitingBeneficiary b : waiting) {
            waitingByClass.computeIfAbsent(b.deviceClass(), k -> new ArrayList<>()).add(b);
        }
        List<Proposal> proposals = new ArrayList<>();
        List<MatchResult.ProvinceShare> shares = new ArrayList<>();
        List<String> unassigned = new ArrayList<>();
        for (Map.Entry<String, List<AvailableUnit>> e : unitsByClass.entrySet()) {
            Map<String, Integer> before = policy.shares().isCumulative()
                    ? allocatedBefore.getOrDefault(e.getKey(), Map.of()) : Map.of();
            new ClassMatch(policy, e.getKey(), e.getValue(), waitingByClass.getOrDefault(e.getKey(), List.of()),
                    asOf, before, drawSeed).run(proposals, shares, unassigned);
        }
        proposals.sort(Comparator.comparing(Proposal::deviceClass).thenComparing(Proposal::serial));
        unassigned.sort(Comparator.naturalOrder());
        return new MatchResult(policy.version(), asOf, List.copyOf(proposals), List.copyOf(shares),
                List.copyOf(unassigned), drawSeed);
    }

    /**
     * A person's place in the run's draw: a hash of the seed and her assessment id, so it does
     * not depend on who else is waiting (a shuffle of the list would).
     */
    static long draw(long seed, long assessmentId) {
        long z = seed + 0x9E3779B97F4A7C15L * (assessmentId + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Device classes the policy has fit rules for (the rest: any unit of the class fits). */
    public java.util.Set<String> ruledClasses() {
        return new TreeSet<>(policy.fitRules().keySet());
    }
}
