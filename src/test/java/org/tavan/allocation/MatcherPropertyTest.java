package org.tavan.allocation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher against an independent exact method: for many small random instances a brute
 * force over every assignment of units to people finds the best objective value, and the
 * matcher must reach it while fit rules, quotas and reserved seats hold. The brute force
 * re-implements fit, priority, largest remainder and the objective from docs/allocation.md,
 * sharing no code with the matcher.
 */
class MatcherPropertyTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    static final List<String> PROVINCES = List.of("01", "07", "23");

    static Policy policy(String reservedJson, boolean redistribute) {
        String json = """
                {"version": "test-1", "publishedOn": "2026-11-25", "description": "property test",
                 "priority": {"needLevelPoints": {"1": 10, "2": 20, "3": 30, "4": 40, "5": 50},
                              "urgencyPoints": {"routine": 0, "soon": 10, "urgent": 20},
                              "waitingPointsPerMonth": 5, "waitingPointsCap": 20,
                              "groupPoints": {"child": 10, "womanHeadOfHousehold": 10, "rural": 5}},
                 "fitRules": {
                   "A": [{"id": "width", "kind": "margin", "measurement": "hip", "spec": "seat_width_mm", "min": 20, "max": 50},
                         {"id": "mass", "kind": "atMost", "measurement": "mass", "spec": "max_user_mass_kg"}],
                   "B": [{"id": "range", "kind": "within", "measurement": "db", "specMin": "fitting_range_min_db_hl", "specMax": "fitting_range_max_db_hl"},
                         {"id": "level", "kind": "oneOf", "measurement": "level", "spec": "amputation_level"}]},
                 "shares": {"basis": "%s", "redistributeUnused": %s, "reserved": %s}}
                """.formatted(reservedJson.isEmpty() ? "need" : "count", redistribute,
                reservedJson.isEmpty() ? "[]" : reservedJson);
        return Policy.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    record Instance(List<AvailableUnit> units, List<WaitingBeneficiary> people) {
    }

    static Instance randomInstance(Random rnd) {
        List<AvailableUnit> units = new ArrayList<>();
        int nUnits = 1 + rnd.nextInt(5);
        for (int i = 0; i < nUnits; i++) {
            if (rnd.nextBoolean()) {
                int seat = 400 + 10 * rnd.nextInt(4);
                units.add(new AvailableUnit("S" + (100 + rnd.nextInt(900)) + "-" + i, "VA" + seat, "A",
                        Map.of("seat_width_mm", String.valueOf(seat), "max_user_mass_kg", String.valueOf(80 + 20 * rnd.nextInt(2))),
                        PROVINCES.get(rnd.nextInt(3))));
            } else {
                int lo = 20 + 20 * rnd.nextInt(2);
                units.add(new AvailableUnit("S" + (100 + rnd.nextInt(900)) + "-" + i, "VB" + lo, "B",
                        Map.of("fitting_range_min_db_hl", String.valueOf(lo), "fitting_range_max_db_hl", String.valueOf(lo + 40),
                                "amputation_level", rnd.nextBoolean() ? "x,y" : "y"),
                        PROVINCES.get(rnd.nextInt(3))));
            }
        }
        List<WaitingBeneficiary> people = new ArrayList<>();
        int nPeople = rnd.nextInt(8);
        for (int i = 0; i < nPeople; i++) {
            boolean a = rnd.nextBoolean();
            Map<String, String> m = new HashMap<>();
            if (a) {
                m.put("hip", String.valueOf(360 + 10 * rnd.nextInt(6)));
                m.put("mass", String.valueOf(60 + 15 * rnd.nextInt(4)));
            } else {
                m.put("db", String.valueOf(10 + 10 * rnd.nextInt(8)));
                m.put("level", rnd.nextBoolean() ? "x" : "y");
            }
            if (rnd.nextInt(10) == 0) {
                m.remove(m.keySet().iterator().next());
            }
            people.add(new WaitingBeneficiary(1 + rnd.nextInt(1000) * 10L + i, PROVINCES.get(rnd.nextInt(3)),
                    rnd.nextBoolean(), rnd.nextInt(4) == 0, rnd.nextBoolean(),
                    AS_OF.minusMonths(rnd.nextInt(6)).minusDays(rnd.nextInt(2)),
                    a ? "A" : "B", m, Urgency.values()[rnd.nextInt(3)], 1 + rnd.nextInt(5)));
        }
        return new Instance(units, people);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no reserves, need-weighted, no second round", "children reserved, count-weighted, second round"})
    void objective_equals_brute_force_and_rules_hold_on_600_random_instances(String setup) {
        boolean reserves = setup.startsWith("children");
        Policy policy = policy(reserves ? "[{\"category\": \"child\", \"fraction\": 0.5}]" : "", reserves);
        Matcher matcher = new Matcher(policy);
        Random rnd = new Random(reserves ? 20261125L : 5L);
        int matchedSomething = 0;
        for (int n = 0; n < 600; n++) {
            Instance inst = randomInstance(rnd);
            MatchResult result = matcher.match(AS_OF, inst.units(), inst.people());
            assertThat(matcher.match(AS_OF, inst.units(), inst.people())).as("deterministic").isEqualTo(result);
            for (String cls : List.of("A", "B")) {
                checkClass(n, cls, inst, result, reserves ? 0.5 : 0, reserves);
            }
            matchedSomething += result.proposals().isEmpty() ? 0 : 1;
        }
        assertThat(matchedSomething).as("instances with at least one proposal").isGreaterThan(300);
    }

    // ---- the independent model ----

    static boolean fits(WaitingBeneficiary b, AvailableUnit u) {
        if (!b.deviceClass().equals(u.deviceClass())) {
            return false;
        }
        Map<String, String> m = b.measurements();
        Map<String, String> s = u.specs();
        if (b.deviceClass().equals("A")) {
            if (!m.containsKey("hip") || !m.containsKey("mass")) {
                return false;
            }
            double margin = Double.parseDouble(s.get("seat_width_mm")) - Double.parseDouble(m.get("hip"));
            return margin >= 20 && margin <= 50 && Double.parseDouble(m.get("mass")) <= Double.parseDouble(s.get("max_user_mass_kg"));
        }
        if (!m.containsKey("db") || !m.containsKey("level")) {
            return false;
        }
        double db = Double.parseDouble(m.get("db"));
        return db >= Double.parseDouble(s.get("fitting_range_min_db_hl")) && db <= Double.parseDouble(s.get("fitting_range_max_db_hl"))
                && List.of(s.get("amputation_level").split(",")).contains(m.get("level"));
    }

    static int priority(WaitingBeneficiary b) {
        int need = 10 * b.needLevel();
        int urgency = 10 * b.urgency().ordinal();
        long months = java.time.temporal.ChronoUnit.MONTHS.between(b.registeredOn(), AS_OF);
        int waiting = (int) Math.min(20, 5 * months);
        int groups = (b.child() ? 10 : 0) + (b.womanHeadOfHousehold() ? 10 : 0) + (b.rural() ? 5 : 0);
        return need + urgency + waiting + groups;
    }

    /** Largest remainder with exact rational comparison; ties to larger weight, then province code. */
    static Map<String, Integer> hamilton(int total, Map<String, Long> weights) {
        long sum = weights.values().stream().mapToLong(x -> x).sum();
        Map<String, Integer> seats = new TreeMap<>();
        if (sum == 0) {
            weights.keySet().forEach(k -> seats.put(k, 0));
            return seats;
        }
        List<String> order = new ArrayList<>(weights.keySet());
        int given = 0;
        for (String k : order) {
            seats.put(k, (int) (total * weights.get(k) / sum));
            given += seats.get(k);
        }
        order.sort(Comparator.comparing((String k) -> -(total * weights.get(k) % sum))
                .thenComparing(k -> -weights.get(k)).thenComparing(k -> k));
        for (int i = 0; i < total - given; i++) {
            seats.merge(order.get(i), 1, Integer::sum);
        }
        return seats;
    }

    record Value(long priority, long tieBreak) implements Comparable<Value> {
        Value plus(Value o) {
            return new Value(priority + o.priority, tieBreak + o.tieBreak);
        }

        @Override
        public int compareTo(Value o) {
            return priority != o.priority ? Long.compare(priority, o.priority) : Long.compare(tieBreak, o.tieBreak);
        }
    }

    static Value best(List<AvailableUnit> units, List<WaitingBeneficiary> people, Map<Long, Value> values,
                      Map<String, Integer> quota, Map<String, Integer> reserved) {
        return search(0, units, people, values, new HashSet<>(), new HashMap<>(), new HashMap<>(), quota, reserved);
    }

    private static Value search(int i, List<AvailableUnit> units, List<WaitingBeneficiary> people,
                                Map<Long, Value> values, Set<Long> taken, Map<String, Integer> count,
                                Map<String, Integer> others, Map<String, Integer> quota, Map<String, Integer> reserved) {
        if (i == units.size()) {
            return new Value(0, 0);
        }
        Value best = search(i + 1, units, people, values, taken, count, others, quota, reserved);
        for (WaitingBeneficiary b : people) {
            if (taken.contains(b.id()) || !fits(b, units.get(i))) {
                continue;
            }
            String p = b.province();
            boolean other = !b.child();
            if (quota != null) {
                if (count.getOrDefault(p, 0) + 1 > quota.get(p)) {
                    continue;
                }
                if (other && others.getOrDefault(p, 0) + 1 > quota.get(p) - reserved.get(p)) {
                    continue;
                }
            }
            taken.add(b.id());
            count.merge(p, 1, Integer::sum);
            if (other) {
                others.merge(p, 1, Integer::sum);
            }
            Value v = values.get(b.id()).plus(search(i + 1, units, people, values, taken, count, others, quota, reserved));
            if (v.compareTo(best) > 0) {
                best = v;
            }
            taken.remove(b.id());
            count.merge(p, -1, Integer::sum);
            if (other) {
                others.merge(p, -1, Integer::sum);
            }
        }
        return best;
    }

    private static void checkClass(int n, String cls, Instance inst, MatchResult result, double reserveFraction,
                                   boolean secondRound) {
        List<AvailableUnit> units = inst.units().stream().filter(u -> u.deviceClass().equals(cls)).toList();
        List<WaitingBeneficiary> people = inst.people().stream().filter(b -> b.deviceClass().equals(cls)).toList();
        List<Proposal> proposals = result.proposals().stream().filter(p -> p.deviceClass().equals(cls)).toList();
        if (units.isEmpty()) {
            assertThat(proposals).isEmpty();
            return;
        }
        String where = "instance " + n + " class " + cls + " " + inst;
        List<WaitingBeneficiary> byAge = new ArrayList<>(people);
        byAge.sort(Comparator.comparing(WaitingBeneficiary::registeredOn).thenComparingLong(WaitingBeneficiary::id));
        Map<Long, Value> values = new HashMap<>();
        Map<String, Long> weights = new TreeMap<>();
        for (int i = 0; i < byAge.size(); i++) {
            WaitingBeneficiary b = byAge.get(i);
            values.put(b.id(), new Value(priority(b), byAge.size() - i));
            weights.merge(b.province(), reserveFraction > 0 ? 1L : priority(b), Long::sum);
        }
        Map<String, Integer> quota = hamilton(units.size(), weights);
        Map<String, Integer> reserved = new TreeMap<>();
        quota.forEach((p, q) -> reserved.put(p, (int) Math.floor(reserveFraction * q)));
        Map<Long, WaitingBeneficiary> byId = people.stream().collect(Collectors.toMap(WaitingBeneficiary::id, b -> b));
        Map<String, AvailableUnit> unitBySerial = units.stream().collect(Collectors.toMap(AvailableUnit::serial, u -> u));

        // Every proposal fits, no unit or person twice, round 1 inside quotas and reserved seats.
        Set<String> serials = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        Map<String, Integer> used = new HashMap<>();
        Map<String, Integer> usedByOthers = new HashMap<>();
        Value round1 = new Value(0, 0);
        Value round2 = new Value(0, 0);
        for (Proposal p : proposals) {
            WaitingBeneficiary b = byId.get(p.beneficiaryId());
            assertThat(b).as(where).isNotNull();
            assertThat(fits(b, unitBySerial.get(p.serial()))).as(where + " fit of " + p).isTrue();
            assertThat(serials.add(p.serial())).as(where).isTrue();
            assertThat(ids.add(b.id())).as(where).isTrue();
            assertThat(p.score().total()).isEqualTo(priority(b));
            assertThat(p.policyVersion()).isEqualTo("test-1");
            if (p.share().round() == 1) {
                used.merge(b.province(), 1, Integer::sum);
                if (!b.child()) {
                    usedByOthers.merge(b.province(), 1, Integer::sum);
                }
                if (p.share().seat().startsWith("reserved")) {
                    assertThat(b.child()).as(where).isTrue();
                }
                round1 = round1.plus(values.get(b.id()));
            } else {
                assertThat(secondRound).isTrue();
                round2 = round2.plus(values.get(b.id()));
            }
        }
        for (String p : quota.keySet()) {
            assertThat(used.getOrDefault(p, 0)).as(where + " quota " + p).isLessThanOrEqualTo(quota.get(p));
            assertThat(usedByOthers.getOrDefault(p, 0)).as(where + " open seats " + p)
                    .isLessThanOrEqualTo(quota.get(p) - reserved.get(p));
        }
        // Shares reported match the independent apportionment and stay within one unit of the exact share.
        for (MatchResult.ProvinceShare s : result.shares().stream().filter(s -> s.deviceClass().equals(cls)).toList()) {
            assertThat(s.quota()).as(where).isEqualTo(quota.get(s.province()));
            assertThat(Math.abs(s.quota() - s.exactShare())).isLessThan(1.0);
        }
        if (!weights.isEmpty()) {
            assertThat(quota.values().stream().mapToInt(x -> x).sum()).isEqualTo(units.size());
        }
        // Round 1 objective equals the brute-force optimum.
        assertThat(round1).as(where + " round 1 objective").isEqualTo(best(units, people, values, quota, reserved));
        // Round 2 is optimal for what round 1 left.
        if (secondRound) {
            Set<String> usedIn1 = proposals.stream().filter(p -> p.share().round() == 1).map(Proposal::serial).collect(Collectors.toSet());
            Set<Long> matchedIn1 = proposals.stream().filter(p -> p.share().round() == 1).map(Proposal::beneficiaryId).collect(Collectors.toSet());
            List<AvailableUnit> left = units.stream().filter(u -> !usedIn1.contains(u.serial())).toList();
            List<WaitingBeneficiary> waiting = people.stream().filter(b -> !matchedIn1.contains(b.id())).toList();
            assertThat(round2).as(where + " round 2 objective").isEqualTo(best(left, waiting, values, null, null));
        }
        // Higher priority never loses a fitting unit to lower priority in the same province share and seat kind.
        for (Proposal p : proposals) {
            if (p.share().round() != 1) {
                continue;
            }
            WaitingBeneficiary holder = byId.get(p.beneficiaryId());
            for (WaitingBeneficiary other : people) {
                boolean sameSeatKind = p.share().seat().equals("open") || other.child();
                if (!ids.contains(other.id()) && other.province().equals(holder.province()) && sameSeatKind
                        && fits(other, unitBySerial.get(p.serial()))) {
                    assertThat(values.get(other.id())).as(where + " " + other + " vs " + p)
                            .isLessThan(values.get(holder.id()));
                }
            }
        }
    }
}
