package org.tavan.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One device class of one run. People are taken in the strict order (priority key, then the
 * earlier assessment for the class, the earlier registration, the run's draw); each is served
 * if she and everybody served before her can all have a unit they fit ({@link UnitSide}) and,
 * in round 1, a seat of their province's share ({@link SeatSide}). Served people may be moved
 * to other units or seats but never dropped. The sets of people that can be served together
 * are closed under removing people, and for such a family this greedy gives the set that is
 * best in the strict order (the first person where two sets differ is in the greedy one):
 * that is the objective of policy v3. Phases: 1a with the reserved seats; 1b after unused
 * reserved seats became open seats; 2 national, without shares, over the units left — where
 * round-1 people may still be moved to other units, which is the look-ahead that serves the
 * most people among equally good round-1 assignments.
 */
final class ClassMatch {

    private record Member(WaitingBeneficiary person, Policy.Score score, long rank, long draw, int fitSet, int mask) {
    }

    /** The strict order: higher priority first, then earlier assessment, earlier registration, lower draw. */
    private static final Comparator<Member> ORDER = Comparator.comparingLong(Member::rank).reversed()
            .thenComparing(m -> m.person().assessedOn())
            .thenComparing(m -> m.person().registeredOn())
            .thenComparingLong(Member::draw)
            .thenComparingLong(m -> m.person().assessmentId());

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

    private final Policy policy;
    private final String deviceClass;
    private final List<Variant> variants = new ArrayList<>();
    private final List<WaitingBeneficiary> waiting;
    private final LocalDate asOf;
    private final List<FitRule> rules;
    private final List<Policy.Reserve> reserves;
    private final Map<String, Integer> before;
    private final long seed;

    ClassMatch(Policy policy, String deviceClass, List<AvailableUnit> units, List<WaitingBeneficiary> waiting,
               LocalDate asOf, Map<String, Integer> before, long seed) {
        this.policy = policy;
        this.deviceClass = deviceClass;
        this.waiting = waiting;
        this.asOf = asOf;
        this.rules = policy.rulesFor(deviceClass);
        this.reserves = policy.reserved();
        this.before = before;
        this.seed = seed;
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
        Map<String, Long> need = new TreeMap<>();
        Map<BitSet, Integer> fitSetIndex = new HashMap<>();
        List<BitSet> fitSets = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        Object[] values = new Object[rules.size()];
        BitSet fits = new BitSet(variants.size());
        boolean byNeed = policy.shares().basis().equals("need");
        for (WaitingBeneficiary b : waiting) {
            Policy.Score score = policy.score(b, asOf);
            need.merge(b.province(), byNeed ? score.total() : 1L, Long::sum);
            for (int r = 0; r < rules.size(); r++) {
                values[r] = rules.get(r).measurementValue(b.measurements());
            }
            fits.clear();
            for (int v = 0; v < variants.size(); v++) {
                if (fitsAll(values, variants.get(v).specValues)) {
                    fits.set(v);
                }
            }
            if (!fits.isEmpty()) {
                Integer f = fitSetIndex.get(fits);
                if (f == null) {
                    f = fitSets.size();
                    BitSet copy = (BitSet) fits.clone();
                    fitSets.add(copy);
                    fitSetIndex.put(copy, f);
                }
                members.add(new Member(b, score, policy.rank(score), Matcher.draw(seed, b.assessmentId()), f,
                        reserveMask(b)));
            }
        }
        members.sort(ORDER);

        Apportionment quota = Apportionment.cumulative(total, need, before);
        Map<String, SeatSide> seats = new TreeMap<>();
        Map<String, Integer> reservedSeats = new HashMap<>();
        for (String province : quota.seats().keySet()) {
            int q = quota.seats().get(province);
            int[] r = new int[reserves.size()];
            int left = q;
            for (int k = 0; k < r.length; k++) {
                // In the policy's order; several groups never reserve more than the quota.
                r[k] = Math.min(left, Apportionment.reserved(fraction(k), quota.before().get(province), q));
                left -= r[k];
            }
            seats.put(province, new SeatSide(left, r));
            reservedSeats.put(province, q - left);
        }
        long[] unitsPerVariant = variants.stream().mapToLong(v -> v.units.size()).toArray();
        UnitSide unitSide = new UnitSide(fitSets.toArray(BitSet[]::new), unitsPerVariant);
        int[] round = new int[members.size()];
        for (int i = 0; i < members.size(); i++) {
            round[i] = serveInShare(members.get(i), seats, unitSide) ? 1 : 0;
        }
        Map<String, Integer> returned = new HashMap<>();
        seats.forEach((p, s) -> returned.put(p, s.returnUnusedReserved()));
        for (int i = 0; i < members.size(); i++) {
            if (round[i] == 0 && serveInShare(members.get(i), seats, unitSide)) {
                round[i] = 1;
            }
        }
        if (policy.shares().redistributeUnused()) {
            for (int i = 0; i < members.size(); i++) {
                if (round[i] == 0 && unitSide.add(members.get(i).fitSet())) {
                    round[i] = 2;
                }
            }
        }
        propose(members, round, unitSide, seats, quota, out);

        Map<String, int[]> counted = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (round[i] > 0) {
                counted.computeIfAbsent(members.get(i).person().province(), k -> new int[3])[round[i]]++;
            }
        }
        for (String province : quota.seats().keySet()) {
            int[] c = counted.getOrDefault(province, new int[3]);
            shares.add(new MatchResult.ProvinceShare(deviceClass, province, quota.weights().get(province),
                    quota.exact().get(province), quota.seats().get(province), reservedSeats.get(province), c[1],
                    quota.before().get(province), returned.get(province), c[2]));
        }
        counted.keySet().stream().filter(p -> !quota.seats().containsKey(p)).findAny().ifPresent(p -> {
            throw new IllegalStateException("served a province without a share: " + p);
        });
        for (Variant v : variants) {
            for (int i = v.next; i < v.units.size(); i++) {
                unassigned.add(v.units.get(i).serial());
            }
        }
    }

    private boolean serveInShare(Member m, Map<String, SeatSide> seats, UnitSide units) {
        SeatSide s = seats.get(m.person().province());
        if (s.canAdd(m.mask()) && units.add(m.fitSet())) {
            s.add(m.mask());
            return true;
        }
        return false;
    }

    /**
     * Units: each served person, in the strict order, takes a unit of the first variant her fit
     * set holds. Seats: in each province the served people, from the lowest priority up, take a
     * free reserved seat of their group, then open seats; so reserved seats go to those the
     * open seats would not have served (open seats first, then reserved: Pathak and Sönmez).
     */
    private void propose(List<Member> members, int[] round, UnitSide units, Map<String, SeatSide> seats,
                         Apportionment quota, List<Proposal> out) {
        int[][] held = new int[units == null ? 0 : fitSetCount(members)][variants.size()];
        for (int f = 0; f < held.length; f++) {
            for (int v = 0; v < variants.size(); v++) {
                held[f][v] = units.held(f, v);
            }
        }
        String[] seatOf = new String[members.size()];
        Map<String, int[]> seatsUsed = new HashMap<>();
        for (int i = members.size() - 1; i >= 0; i--) {
            if (round[i] != 1) {
                continue;
            }
            Member m = members.get(i);
            SeatSide s = seats.get(m.person().province());
            int[] used = seatsUsed.computeIfAbsent(m.person().province(), k -> new int[reserves.size() + 1]);
            int seat = 0;
            for (int k = 0; k < reserves.size(); k++) {
                if ((m.mask() & (1 << k)) != 0 && used[k + 1] < s.capacity(k + 1)) {
                    seat = k + 1;
                    break;
                }
            }
            used[seat]++;
            seatOf[i] = seat == 0 ? "open" : "reserved:" + reserves.get(seat - 1).category();
        }
        for (int i = 0; i < members.size(); i++) {
            if (round[i] == 0) {
                continue;
            }
            Member m = members.get(i);
            int v = 0;
            while (held[m.fitSet()][v] == 0) {
                v++;
            }
            held[m.fitSet()][v]--;
            Variant variant = variants.get(v);
            AvailableUnit unit = variant.units.get(variant.next++);
            out.add(proposal(m, unit, variant, quota, round[i] == 1 ? seatOf[i] : "national", round[i]));
        }
    }

    private static int fitSetCount(List<Member> members) {
        int n = 0;
        for (Member m : members) {
            n = Math.max(n, m.fitSet() + 1);
        }
        return n;
    }

    private BigDecimal fraction(int k) {
        return reserves.get(k).fraction();
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
                List.copyOf(passed), List.copyOf(checks), share, policy.version(), m.person().assessmentId());
    }
}
