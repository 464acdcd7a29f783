package org.tavan.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proposes which available unit goes to whom under a {@link Policy}. Pure: no database, no
 * clock; the same input gives the same proposals. The objective and the proof that this
 * method reaches it are in docs/allocation.md.
 *
 * <p>Per device class: the batch is apportioned among provinces (largest remainder on
 * registered need); people who fit exactly the same variants, in the same province and
 * reserved groups, are interchangeable except for their weight, so they form one group; the
 * assignment is a maximum-gain flow source → province → (open | reserved seats) → group →
 * variant → sink. Work grows with groups × variants, not people × units.
 */
public final class Matcher {

    private final Policy policy;

    public Matcher(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    public MatchResult match(LocalDate asOf, List<AvailableUnit> units, List<WaitingBeneficiary> waiting) {
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
            new ClassRun(e.getKey(), e.getValue(), waitingByClass.getOrDefault(e.getKey(), List.of()), asOf)
                    .run(proposals, shares, unassigned);
        }
        proposals.sort(Comparator.comparing(Proposal::deviceClass).thenComparing(Proposal::serial));
        unassigned.sort(Comparator.naturalOrder());
        return new MatchResult(policy.version(), asOf, List.copyOf(proposals), List.copyOf(shares),
                List.copyOf(unassigned));
    }

    /** One person as the flow sees them. */
    private record Member(WaitingBeneficiary person, Policy.Score score, long tieBreak, BitSet fits, int reserveMask) {
    }

    private record GroupKey(String province, int reserveMask, BitSet fits) {
    }

    private static final class Variant {
        final String variantId;
        final Map<String, String> specs;
        final List<AvailableUnit> units = new ArrayList<>();
        Object[] specValues;
        int next;

        Variant(String variantId, Map<String, String> specs) {
            this.variantId = variantId;
            this.specs = specs;
        }
    }

    private final class ClassRun {
        final String deviceClass;
        final List<Variant> variants = new ArrayList<>();
        final List<WaitingBeneficiary> waiting;
        final LocalDate asOf;
        final List<FitRule> rules;
        final List<Policy.Reserve> reserves = policy.reserved();

        ClassRun(String deviceClass, List<AvailableUnit> units, List<WaitingBeneficiary> waiting, LocalDate asOf) {
            this.deviceClass = deviceClass;
            this.waiting = waiting;
            this.asOf = asOf;
            this.rules = policy.rulesFor(deviceClass);
            Map<String, Variant> byKey = new TreeMap<>();
            for (AvailableUnit u : units) {
                String key = u.variantId() + "\u0000" + new TreeMap<>(u.specs());
                byKey.computeIfAbsent(key, k -> new Variant(u.variantId(), u.specs())).units.add(u);
            }
            for (Variant v : byKey.values()) {
                v.units.sort(Comparator.comparing(AvailableUnit::serial));
                v.specValues = new Object[rules.size()];
                for (int r = 0; r < rules.size(); r++) {
                    v.specValues[r] = rules.get(r).specValues(v.specs);
                }
                variants.add(v);
            }
        }

        void run(List<Proposal> out, List<MatchResult.ProvinceShare> shares, List<String> unassigned) {
            int total = variants.stream().mapToInt(v -> v.units.size()).sum();
            // Tie-break weight: earlier registration, then smaller id, is worth more; 1..N.
            List<WaitingBeneficiary> byAge = new ArrayList<>(waiting);
            byAge.sort(Comparator.comparing(WaitingBeneficiary::registeredOn).thenComparingLong(WaitingBeneficiary::id));
            Map<String, Long> need = new TreeMap<>();
            List<Member> members = new ArrayList<>();
            Object[] values = new Object[rules.size()];
            for (int i = 0; i < byAge.size(); i++) {
                WaitingBeneficiary b = byAge.get(i);
                Policy.Score score = policy.score(b, asOf);
                need.merge(b.province(), policy.shares().basis().equals("need") ? score.total() : 1L, Long::sum);
                for (int r = 0; r < rules.size(); r++) {
                    values[r] = rules.get(r).measurementValue(b.measurements());
                }
                BitSet fits = new BitSet(variants.size());
                for (int v = 0; v < variants.size(); v++) {
                    if (fitsAll(values, variants.get(v).specValues)) {
                        fits.set(v);
                    }
                }
                if (!fits.isEmpty()) {
                    members.add(new Member(b, score, byAge.size() - i, fits, reserveMask(b)));
                }
            }
            members.sort(Comparator.comparingInt((Member m) -> m.score().total()).reversed()
                    .thenComparing(Comparator.comparingLong(Member::tieBreak).reversed()));

            Apportionment quota = Apportionment.largestRemainder(total, need);
            Map<String, int[]> reservedSeats = new TreeMap<>();
            Map<String, Integer> used = new HashMap<>();
            for (String province : need.keySet()) {
                int q = quota.seats().get(province);
                int[] r = new int[reserves.size()];
                for (int k = 0; k < r.length; k++) {
                    r[k] = (int) Math.floor(reserves.get(k).fraction() * q);
                }
                reservedSeats.put(province, r);
            }
            long[] remaining = new long[variants.size()];
            for (int v = 0; v < remaining.length; v++) {
                remaining[v] = variants.get(v).units.size();
            }
            List<Member> unmatched = solve(members, quota, reservedSeats, remaining, 1, out, used);
            if (policy.shares().redistributeUnused() && total > 0) {
                solve(unmatched, null, null, remaining, 2, out, used);
            }
            for (String province : need.keySet()) {
                shares.add(new MatchResult.ProvinceShare(deviceClass, province, need.get(province),
                        quota.exact().get(province), quota.seats().get(province),
                        java.util.Arrays.stream(reservedSeats.get(province)).sum(), used.getOrDefault(province, 0)));
            }
            for (Variant v : variants) {
                for (int i = v.next; i < v.units.size(); i++) {
                    unassigned.add(v.units.get(i).serial());
                }
            }
        }

        private boolean fitsAll(Object[] values, Object[] specs) {
            for (int r = 0; r < values.length; r++) {
                if (!rules.get(r).passes(values[r], specs[r])) {
                    return false;
                }
            }
            return true;
        }

        private int reserveMask(WaitingBeneficiary b) {
            List<String> groups = Policy.categoriesOf(b);
            int mask = 0;
            for (int k = 0; k < reserves.size(); k++) {
                if (groups.contains(reserves.get(k).category())) {
                    mask |= 1 << k;
                }
            }
            return mask;
        }

        /**
         * One round: round 1 with provincial quotas and reserved seats, round 2 (quota null)
         * nationally over what round 1 left. Returns the members left unmatched.
         */
        private List<Member> solve(List<Member> members, Apportionment quota, Map<String, int[]> reservedSeats,
                                   long[] remaining, int round, List<Proposal> out, Map<String, Integer> used) {
            // Members are in falling weight order, so each group's list is too.
            Map<GroupKey, List<Member>> groups = new LinkedHashMap<>();
            for (Member m : members) {
                GroupKey key = round == 1 ? new GroupKey(m.person().province(), m.reserveMask(), m.fits())
                        : new GroupKey("", 0, m.fits());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
            MaxGainFlow flow = new MaxGainFlow();
            int source = flow.node();
            int sink = flow.node();
            int[] variantNode = new int[variants.size()];
            for (int v = 0; v < variantNode.length; v++) {
                variantNode[v] = flow.node();
                flow.edge(variantNode[v], sink, remaining[v]);
            }
            // Per province: open seat node and one node per reserved group.
            Map<String, int[]> seatNodes = new TreeMap<>();
            Map<String, int[]> seatEdges = new TreeMap<>();
            int nationalNode = -1;
            if (round == 1) {
                for (Map.Entry<String, int[]> e : reservedSeats.entrySet()) {
                    int q = quota.seats().get(e.getKey());
                    int[] r = e.getValue();
                    int reservedTotal = java.util.Arrays.stream(r).sum();
                    int province = flow.node();
                    flow.edge(source, province, q);
                    int[] nodes = new int[1 + r.length];
                    nodes[0] = flow.node();
                    flow.edge(province, nodes[0], q - reservedTotal);
                    for (int k = 0; k < r.length; k++) {
                        nodes[k + 1] = flow.node();
                        flow.edge(province, nodes[k + 1], r[k]);
                    }
                    seatNodes.put(e.getKey(), nodes);
                }
            } else {
                nationalNode = flow.node();
                flow.edge(source, nationalNode, java.util.Arrays.stream(remaining).sum());
            }
            List<GroupKey> keys = new ArrayList<>(groups.keySet());
            int[] groupEdge = new int[keys.size()];
            List<int[]> inEdges = new ArrayList<>();
            List<int[]> outEdges = new ArrayList<>();
            for (int g = 0; g < keys.size(); g++) {
                GroupKey key = keys.get(g);
                List<Member> list = groups.get(key);
                int in = flow.node();
                int outNode = flow.node();
                int[] ins;
                if (round == 1) {
                    int[] nodes = seatNodes.get(key.province());
                    ins = new int[nodes.length];
                    java.util.Arrays.fill(ins, -1);
                    ins[0] = flow.edge(nodes[0], in, list.size());
                    for (int k = 0; k < reserves.size(); k++) {
                        if ((key.reserveMask() & (1 << k)) != 0) {
                            ins[k + 1] = flow.edge(nodes[k + 1], in, list.size());
                        }
                    }
                } else {
                    ins = new int[] {flow.edge(nationalNode, in, list.size())};
                }
                inEdges.add(ins);
                long[] p = new long[list.size()];
                long[] t = new long[list.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = list.get(i).score().total();
                    t[i] = list.get(i).tieBreak();
                }
                groupEdge[g] = flow.groupEdge(in, outNode, p, t);
                int[] outs = new int[variants.size()];
                java.util.Arrays.fill(outs, -1);
                for (int v = key.fits().nextSetBit(0); v >= 0; v = key.fits().nextSetBit(v + 1)) {
                    outs[v] = flow.edge(outNode, variantNode[v], list.size());
                }
                outEdges.add(outs);
            }
            flow.run(source, sink);

            List<Member> unmatched = new ArrayList<>();
            for (int g = 0; g < keys.size(); g++) {
                List<Member> list = groups.get(keys.get(g));
                int taken = (int) flow.flow(groupEdge[g]);
                List<String> seats = new ArrayList<>();
                int[] ins = inEdges.get(g);
                for (int k = ins.length - 1; k >= 0; k--) {
                    if (ins[k] >= 0) {
                        String seat = round == 2 ? "national" : k == 0 ? "open" : "reserved:" + reserves.get(k - 1).category();
                        for (long n = flow.flow(ins[k]); n > 0; n--) {
                            seats.add(seat);
                        }
                    }
                }
                int[] outs = outEdges.get(g);
                int v = 0;
                long left = 0;
                for (int i = 0; i < list.size(); i++) {
                    Member m = list.get(i);
                    if (i >= taken) {
                        unmatched.add(m);
                        continue;
                    }
                    while (left == 0) {
                        left = outs[v] >= 0 ? flow.flow(outs[v]) : 0;
                        if (left == 0) {
                            v++;
                        }
                    }
                    left--;
                    Variant variant = variants.get(v);
                    if (left == 0) {
                        v++;
                    }
                    remaining[variants.indexOf(variant)]--;
                    AvailableUnit unit = variant.units.get(variant.next++);
                    String province = m.person().province();
                    used.merge(province, 1, Integer::sum);
                    out.add(proposal(m, unit, variant, quota, seats.get(i), round));
                }
            }
            unmatched.sort(Comparator.comparingInt((Member m) -> m.score().total()).reversed()
                    .thenComparing(Comparator.comparingLong(Member::tieBreak).reversed()));
            return unmatched;
        }

        private Proposal proposal(Member m, AvailableUnit unit, Variant variant, Apportionment quota, String seat,
                                  int round) {
            List<String> passed = new ArrayList<>(rules.size());
            List<FitRule.Check> checks = new ArrayList<>(rules.size());
            for (FitRule rule : rules) {
                passed.add(rule.explain(m.person().measurements(), variant.specs));
                checks.add(rule.check(m.person().measurements(), variant.specs));
            }
            String province = m.person().province();
            Proposal.ShareUsed share = round == 1
                    ? new Proposal.ShareUsed(province, quota.exact().get(province), quota.seats().get(province), seat, 1)
                    : new Proposal.ShareUsed(province, 0, 0, seat, 2);
            return new Proposal(unit.serial(), unit.variantId(), m.person().id(), deviceClass, province, m.score(),
                    List.copyOf(passed), List.copyOf(checks), share, policy.version());
        }
    }

    /** Device classes the policy has fit rules for (the rest: any unit of the class fits). */
    public java.util.Set<String> ruledClasses() {
        return new TreeSet<>(policy.fitRules().keySet());
    }
}
