package org.tavan.allocation;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policy v3's matcher against an independent exact method: on many small random instances a
 * brute force over every set of people finds the best set in the strict order (phase by phase:
 * with reserved seats, after unused reserved seats returned to open seats, then the national
 * second round), and the matcher must serve exactly that set, with fit, quotas and seats
 * holding. The brute force re-implements fit, the strict order and feasibility, sharing no
 * code with the matcher but the published draw function. Shares are checked by their
 * properties: within one unit of the cumulative exact share after every run of a random
 * sequence of batches, house monotone (no Alabama paradox), exact reserved seats.
 */
class MatcherPropertyTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    static final List<String> PROVINCES = List.of("01", "07", "23");

    static Policy policy(String reservedJson, boolean redistribute) {
        String json = """
                {"version": "test-3", "publishedOn": "2026-12-03", "description": "property test",
                 "priority": {"needLevelPoints": {"1": 10, "2": 20, "3": 30, "4": 40, "5": 50},
                              "urgencyPoints": {"routine": 0, "soon": 10, "urgent": 20},
                              "waitingPointsPerMonth": 5, "waitingPointsCap": 10,
                              "groupPoints": {"child": 10, "womanHeadOfHousehold": 10, "rural": 5},
                              "order": ["needLevel", "urgency", "waiting", "groups"], "waitingFrom": "assessment"},
                 "fitRules": {
                   "A": [{"id": "width", "kind": "margin", "measurement": "hip", "spec": "seat_width_mm", "min": 20, "max": 50},
                         {"id": "mass", "kind": "atMost", "measurement": "mass", "spec": "max_user_mass_kg"}],
                   "B": [{"id": "range", "kind": "within", "measurement": "db", "specMin": "fitting_range_min_db_hl", "specMax": "fitting_range_max_db_hl"},
                         {"id": "level", "kind": "oneOf", "measurement": "level", "spec": "amputation_level"}]},
                 "shares": {"basis": "count", "redistributeUnused": %s, "reserved": %s, "cumulative": true}}
                """.formatted(redistribute, reservedJson.isEmpty() ? "[]" : reservedJson);
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
            LocalDate registered = AS_OF.minusMonths(6 + rnd.nextInt(6)).minusDays(rnd.nextInt(2));
            long id = 1 + rnd.nextInt(1000) * 10L + i;
            people.add(new WaitingBeneficiary(id, PROVINCES.get(rnd.nextInt(3)),
                    rnd.nextBoolean(), rnd.nextInt(4) == 0, rnd.nextBoolean(), registered,
                    a ? "A" : "B", m, Urgency.values()[rnd.nextInt(3)], 1 + rnd.nextInt(3), id * 7,
                    rnd.nextInt(3) == 0 ? registered : AS_OF.minusMonths(rnd.nextInt(4)).minusDays(rnd.nextInt(2))));
        }
        return new Instance(units, people);
    }


    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no reserves, no second round", "children reserved, second round"})
    void the_served_set_is_the_best_in_the_strict_order_on_800_random_instances(String setup) {
        boolean reserves = setup.startsWith("children");
        Policy policy = policy(reserves ? "[{\"category\": \"child\", \"fraction\": 0.5}]" : "", reserves);
        Matcher matcher = new Matcher(policy);
        Random rnd = new Random(reserves ? 20261203L : 5L);
        int matchedSomething = 0;
        for (int n = 0; n < 800; n++) {
            Instance inst = randomInstance(rnd);
            Map<String, Map<String, Integer>> before = new HashMap<>();
            if (rnd.nextBoolean()) {
                before.put("A", Map.of(PROVINCES.get(rnd.nextInt(3)), rnd.nextInt(3)));
            }
            long seed = rnd.nextLong();
            MatchResult result = matcher.match(AS_OF, inst.units(), inst.people(), before, seed);
            List<WaitingBeneficiary> shuffled = new ArrayList<>(inst.people());
            Collections.shuffle(shuffled, rnd);
            assertThat(matcher.match(AS_OF, inst.units(), shuffled, before, seed)).as("deterministic, whatever the input order")
                    .isEqualTo(result);
            for (String cls : List.of("A", "B")) {
                checkClass(n, cls, inst, result, seed, reserves ? new BigDecimal("0.5") : BigDecimal.ZERO, reserves);
            }
            matchedSomething += result.proposals().isEmpty() ? 0 : 1;
        }
        assertThat(matchedSomething).as("instances with at least one proposal").isGreaterThan(400);
    }

    /** The strict order, re-implemented: need, urgency, waiting (capped, from the assessment), groups; then dates, draw. */
    static Comparator<WaitingBeneficiary> strictOrder(long seed) {
        return Comparator.comparingInt((WaitingBeneficiary b) -> -10 * b.needLevel())
                .thenComparingInt(b -> -b.urgency().ordinal())
                .thenComparingLong(b -> -Math.min(10, 5 * ChronoUnit.MONTHS.between(b.assessedOn(), AS_OF)))
                .thenComparingInt(b -> -((b.child() ? 10 : 0) + (b.womanHeadOfHousehold() ? 10 : 0) + (b.rural() ? 5 : 0)))
                .thenComparing(WaitingBeneficiary::assessedOn).thenComparing(WaitingBeneficiary::registeredOn)
                .thenComparingLong(b -> Matcher.draw(seed, b.assessmentId()))
                .thenComparingLong(WaitingBeneficiary::assessmentId);
    }

    void checkClass(int n, String cls, Instance inst, MatchResult result, long seed, BigDecimal fraction,
                    boolean secondRound) {
        List<AvailableUnit> units = inst.units().stream().filter(u -> u.deviceClass().equals(cls)).toList();
        List<WaitingBeneficiary> people = inst.people().stream().filter(b -> b.deviceClass().equals(cls))
                .sorted(strictOrder(seed)).toList();
        List<Proposal> proposals = result.proposals().stream().filter(p -> p.deviceClass().equals(cls)).toList();
        List<MatchResult.ProvinceShare> shares = result.shares().stream().filter(s -> s.deviceClass().equals(cls)).toList();
        String where = "instance " + n + " class " + cls;
        if (units.isEmpty()) {
            assertThat(proposals).as(where).isEmpty();
            return;
        }
        Map<String, Integer> quota = new HashMap<>();
        Map<String, Integer> reserved = new HashMap<>();
        for (MatchResult.ProvinceShare s : shares) {
            quota.put(s.province(), s.quota());
            reserved.put(s.province(), s.reserved());
            assertThat(s.reserved()).as(where + " exact reserved seats").isEqualTo(
                    fraction.multiply(BigDecimal.valueOf(s.allocatedBefore() + s.quota())).intValue()
                            - fraction.multiply(BigDecimal.valueOf(s.allocatedBefore())).intValue());
            assertThat(s.used()).as(where + " used within quota").isLessThanOrEqualTo(s.quota());
        }
        if (!people.isEmpty()) {
            assertThat(quota.values().stream().mapToInt(x -> x).sum()).as(where + " quotas add up to the batch").isEqualTo(units.size());
        }
        // Each proposal: a unit of the class once, fitting its person, the person once.
        Map<Long, Proposal> byPerson = new HashMap<>();
        Set<String> serials = new HashSet<>();
        Map<Long, WaitingBeneficiary> person = new HashMap<>();
        people.forEach(b -> person.put(b.assessmentId(), b));
        for (Proposal p : proposals) {
            AvailableUnit u = units.stream().filter(x -> x.serial().equals(p.serial())).findFirst().orElseThrow();
            assertThat(fits(person.get(p.assessmentId()), u)).as(where + " fit").isTrue();
            assertThat(serials.add(p.serial())).as(where + " unit once").isTrue();
            assertThat(byPerson.put(p.assessmentId(), p)).as(where + " person once").isNull();
        }
        // Brute force, phase by phase.
        int k = people.size();
        Map<String, int[]> capsA = new HashMap<>();
        quota.forEach((p, q) -> capsA.put(p, new int[] {q - reserved.get(p), reserved.get(p)}));
        int setA = best(people, units, 0, full(k), capsA, -1);
        Map<String, int[]> capsB = new HashMap<>();
        capsA.forEach((p, c) -> {
            int children = 0;
            int others = 0;
            for (int i = 0; i < k; i++) {
                if ((setA & (1 << i)) != 0 && people.get(i).province().equals(p)) {
                    if (people.get(i).child() && fraction.signum() > 0) {
                        children++;
                    } else {
                        others++;
                    }
                }
            }
            int usedReserved = Math.max(0, children - (c[0] - others));
            capsB.put(p, new int[] {c[0] + c[1] - usedReserved, usedReserved});
        });
        int setB = best(people, units, setA, full(k), capsB, -1);
        int set2 = secondRound ? best(people, units, setB, full(k), capsB, setB) : setB;
        for (int i = 0; i < k; i++) {
            Proposal p = byPerson.get(people.get(i).assessmentId());
            boolean inRound1 = (setB & (1 << i)) != 0;
            boolean inRound2 = !inRound1 && (set2 & (1 << i)) != 0;
            assertThat(p == null ? 0 : p.share().round()).as(where + " person " + i + " of " + people)
                    .isEqualTo(inRound1 ? 1 : inRound2 ? 2 : 0);
        }
        // Seats as labelled: reserved ones only for children, never more than reserved; the province's round 1 within quota.
        for (String province : quota.keySet()) {
            List<Proposal> inShare = proposals.stream().filter(p -> p.share().round() == 1 && p.province().equals(province)).toList();
            assertThat(inShare.size()).as(where + " quota").isLessThanOrEqualTo(quota.get(province));
            long reservedUsed = inShare.stream().filter(p -> p.share().seat().startsWith("reserved")).count();
            assertThat(reservedUsed).as(where + " reserved seats").isLessThanOrEqualTo(capsB.get(province)[1]);
            inShare.stream().filter(p -> p.share().seat().startsWith("reserved"))
                    .forEach(p -> assertThat(person.get(p.assessmentId()).child()).as(where + " reserved for a child").isTrue());
        }
        // The officer-facing promise, stated directly: within a share nobody waits while someone
        // lower gets a unit she fits on a seat she could take.
        for (int i = 0; i < k; i++) {
            if (byPerson.containsKey(people.get(i).assessmentId())) {
                continue;
            }
            for (int j = i + 1; j < k; j++) {
                Proposal lower = byPerson.get(people.get(j).assessmentId());
                if (lower == null || lower.share().round() != 1 || !lower.province().equals(people.get(i).province())) {
                    continue;
                }
                AvailableUnit u = units.stream().filter(x -> x.serial().equals(lower.serial())).findFirst().orElseThrow();
                boolean seatOpenToHer = lower.share().seat().equals("open") || people.get(i).child();
                assertThat(fits(people.get(i), u) && seatOpenToHer).as(where + ": " + i + " waits while " + j + " is served").isFalse();
            }
        }
    }

    static int full(int k) {
        return (1 << k) - 1;
    }

    /**
     * Among the sets containing {@code must}, within {@code allowed}, that are feasible, the best
     * in the strict order (people are indexed in that order: the lowest index where two sets
     * differ decides). {@code seated}: who needs a province seat (-1 = everyone in the set).
     */
    static int best(List<WaitingBeneficiary> people, List<AvailableUnit> units, int must, int allowed,
                    Map<String, int[]> caps, int seated) {
        int best = -1;
        for (int s = 0; s <= allowed; s++) {
            if ((s & must) != must || (s & ~allowed) != 0) {
                continue;
            }
            int needSeats = seated == -1 ? s : seated;
            if (!seatsFeasible(people, needSeats, caps) || !unitsFeasible(people, units, s, 0, new boolean[units.size()])) {
                continue;
            }
            if (best < 0 || better(s, best, people.size())) {
                best = s;
            }
        }
        return best;
    }

    static boolean better(int a, int b, int k) {
        for (int i = 0; i < k; i++) {
            int x = a & (1 << i);
            int y = b & (1 << i);
            if (x != y) {
                return x != 0;
            }
        }
        return false;
    }

    static boolean seatsFeasible(List<WaitingBeneficiary> people, int s, Map<String, int[]> caps) {
        for (Map.Entry<String, int[]> e : caps.entrySet()) {
            int children = 0;
            int others = 0;
            for (int i = 0; i < people.size(); i++) {
                if ((s & (1 << i)) != 0 && people.get(i).province().equals(e.getKey())) {
                    if (people.get(i).child() && e.getValue()[1] >= 0) {
                        children++;
                    } else {
                        others++;
                    }
                }
            }
            int open = e.getValue()[0];
            int res = e.getValue()[1];
            if (others > open || children + others > open + res) {
                return false;
            }
        }
        return true;
    }

    static boolean unitsFeasible(List<WaitingBeneficiary> people, List<AvailableUnit> units, int s, int from, boolean[] taken) {
        int i = from;
        while (i < people.size() && (s & (1 << i)) == 0) {
            i++;
        }
        if (i == people.size()) {
            return true;
        }
        for (int u = 0; u < units.size(); u++) {
            if (!taken[u] && fits(people.get(i), units.get(u))) {
                taken[u] = true;
                boolean ok = unitsFeasible(people, units, s, i + 1, taken);
                taken[u] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

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

    @Test
    void tie_breaks_do_not_depend_on_people_who_fit_nothing_or_wait_for_another_class() {
        Policy policy = policy("[{\"category\": \"child\", \"fraction\": 0.5}]", true);
        Matcher matcher = new Matcher(policy);
        Random rnd = new Random(14);
        int compared = 0;
        for (int n = 0; n < 400; n++) {
            Instance inst = randomInstance(rnd);
            long seed = rnd.nextLong();
            MatchResult plain = matcher.match(AS_OF, inst.units(), inst.people(), Map.of(), seed);
            List<WaitingBeneficiary> more = new ArrayList<>(inst.people());
            // Fits nothing (no measurements) in the province with the fewest people, so shares stay the same;
            // and someone waiting for a class no unit of this run has.
            String province = inst.people().isEmpty() ? "01" : inst.people().get(0).province();
            more.add(new WaitingBeneficiary(99_999, province, false, false, false, AS_OF.minusYears(3), "Z",
                    Map.of(), Urgency.URGENT, 5, 99_999, AS_OF.minusYears(3)));
            MatchResult withOthers = matcher.match(AS_OF, inst.units(), more, Map.of(), seed);
            assertThat(withOthers.proposals()).as("instance " + n).isEqualTo(plain.proposals());
            compared += plain.proposals().isEmpty() ? 0 : 1;
        }
        assertThat(compared).isGreaterThan(200);
    }

    @Test
    void cumulative_shares_stay_within_one_unit_after_every_run_of_random_batch_sizes() {
        Random rnd = new Random(1405);
        for (int n = 0; n < 300; n++) {
            Map<String, Long> weights = new TreeMap<>();
            int provinces = 1 + rnd.nextInt(31);
            for (int p = 1; p <= provinces; p++) {
                weights.put(String.format("%02d", p), (long) (rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(8) : 1 + rnd.nextInt(3000)));
            }
            long sum = weights.values().stream().mapToLong(x -> x).sum();
            Map<String, Integer> before = new TreeMap<>();
            long total = 0;
            for (int run = 0; run < 25; run++) {
                int batch = rnd.nextInt(4) == 0 ? rnd.nextInt(200) : rnd.nextInt(4);
                Apportionment a = Apportionment.cumulative(batch, weights, before);
                assertThat(a.seats().values().stream().mapToInt(x -> x).sum()).isEqualTo(batch);
                a.seats().forEach((p, q) -> before.merge(p, q, Integer::sum));
                total += batch;
                for (Map.Entry<String, Long> e : weights.entrySet()) {
                    long had = before.getOrDefault(e.getKey(), 0);
                    // |had - total·w/W| < 1, as integers
                    assertThat(Math.abs(had * sum - total * e.getValue())).as("instance %d run %d province %s", n, run, e.getKey())
                            .isLessThan(sum);
                }
            }
        }
    }

    @Test
    void a_larger_batch_never_gives_a_province_fewer_units() {
        Random rnd = new Random(7);
        for (int n = 0; n < 300; n++) {
            Map<String, Long> weights = new TreeMap<>();
            Map<String, Integer> before = new TreeMap<>();
            for (int p = 1; p <= 2 + rnd.nextInt(6); p++) {
                String code = String.format("%02d", p);
                weights.put(code, 1L + rnd.nextInt(50));
                before.put(code, rnd.nextInt(5));
            }
            Apportionment smaller = Apportionment.cumulative(0, weights, before);
            for (int batch = 1; batch < 40; batch++) {
                Apportionment larger = Apportionment.cumulative(batch, weights, before);
                for (String p : weights.keySet()) {
                    assertThat(larger.seats().get(p)).as("instance %d batch %d province %s", n, batch, p)
                            .isGreaterThanOrEqualTo(smaller.seats().get(p));
                }
                smaller = larger;
            }
        }
        // The case for largest remainder: 3 units 1/1/1, 4 units 0/2/2.
        Map<String, Long> w = Map.of("01", 3L, "02", 4L, "03", 4L);
        for (String p : w.keySet()) {
            assertThat(Apportionment.cumulative(4, w, Map.of()).seats().get(p))
                    .isGreaterThanOrEqualTo(Apportionment.cumulative(3, w, Map.of()).seats().get(p));
        }
    }

    @Test
    void ten_runs_of_one_unit_give_the_small_province_its_share() {
        Map<String, Long> weights = Map.of("01", 30L, "02", 8L);
        Map<String, Integer> before = new TreeMap<>();
        for (int run = 0; run < 10; run++) {
            Apportionment.cumulative(1, weights, before).seats().forEach((p, q) -> before.merge(p, q, Integer::sum));
        }
        assertThat(before).containsEntry("02", 2).containsEntry("01", 8);
    }

    @Test
    void reserved_seats_are_counted_exactly_and_small_quotas_add_up() {
        assertThat(Apportionment.reserved(new BigDecimal("0.29"), 0, 100)).isEqualTo(29);
        assertThat(Apportionment.reserved(new BigDecimal("0.1"), 0, 5)).isZero();
        assertThat(Apportionment.reserved(new BigDecimal("0.1"), 5, 5)).isEqualTo(1);
        int reservedOverPeriod = 0;
        for (int before = 0; before < 100; before += 3) {
            reservedOverPeriod += Apportionment.reserved(new BigDecimal("0.1"), before, 3);
        }
        assertThat(reservedOverPeriod).isEqualTo(10);
    }

    @Test
    void a_top_priority_person_keeps_the_only_seat_against_two_whose_points_add_up_to_more() {
        Policy policy = policy("", false);
        // One unit in province 01: she has need level 5 (50 points), they have 3 (30 + groups + waiting each).
        AvailableUnit unit = new AvailableUnit("U1", "V", "C", Map.of(), "01");
        AvailableUnit second = new AvailableUnit("U2", "V", "C", Map.of(), "01");
        WaitingBeneficiary her = new WaitingBeneficiary(1, "01", false, false, false, AS_OF, "C", Map.of(),
                Urgency.ROUTINE, 5, 1, AS_OF);
        List<WaitingBeneficiary> people = new ArrayList<>(List.of(her));
        for (int i = 2; i <= 3; i++) {
            people.add(new WaitingBeneficiary(i, "02", true, true, true, AS_OF.minusYears(2), "C", Map.of(),
                    Urgency.URGENT, 4, i, AS_OF.minusYears(2)));
        }
        MatchResult r = new Matcher(policy).match(AS_OF, List.of(unit, second), people);
        assertThat(r.proposals()).extracting(Proposal::assessmentId).contains(1L);
    }

    @Test
    void waiting_time_counts_from_the_assessment_for_the_class() {
        Policy v3 = Policy.current();
        WaitingBeneficiary registeredLongAgo = new WaitingBeneficiary(1, "01", false, false, false,
                AS_OF.minusYears(5), "12.22", Map.of(), Urgency.ROUTINE, 3, 1, AS_OF.minusDays(1));
        WaitingBeneficiary assessedLongAgo = new WaitingBeneficiary(2, "01", false, false, false,
                AS_OF.minusMonths(23), "12.22", Map.of(), Urgency.ROUTINE, 3, 2, AS_OF.minusMonths(23));
        assertThat(v3.score(registeredLongAgo, AS_OF).waitingMonths()).isZero();
        assertThat(v3.rank(v3.score(assessedLongAgo, AS_OF))).isGreaterThan(v3.rank(v3.score(registeredLongAgo, AS_OF)));
        assertThat(Policy.version("v2").version()).isEqualTo("v2");
    }
}
