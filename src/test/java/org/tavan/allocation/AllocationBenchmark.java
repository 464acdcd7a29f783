package org.tavan.allocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher with the shipped policy (v3) on realistic data at two sizes: 10,000 units ×
 * 100,000 people and 50,000 units × 610,000 people (the organisation's community-based
 * rehabilitation population). Not part of the normal suite (the name does not end in Test);
 * run it with the 1 GB heap of the goal:
 * {@code flock /tmp/tavan-mvn.lock mvn -o -q test -Dtest=AllocationBenchmark -Dtavan.benchmark=true -DargLine=-Xmx1g}.
 * Figures go to target/allocation-benchmark.txt and docs/benchmarks.md (## Allocation).
 *
 * <p>Data: 6 device classes (wheelchairs, walkers, crutches, prostheses, hearing aids,
 * cushions) with 98 catalogue variants, people spread over the 31 provinces very unevenly
 * (population to the power 1.5: Tehran about 35 times the smallest), each class's units
 * scarcer than its people and in other proportions, and about a quarter of the people fitting
 * no variant at all (measurements outside every range, or missing).
 */
class AllocationBenchmark {

    static final LocalDate AS_OF = LocalDate.of(2026, 12, 3);
    static final int[] POPULATION = {40, 33, 13, 28, 26, 23, 14, 11, 8, 7, 21, 13, 18, 8, 6, 5, 16, 10, 31, 10,
            13, 7, 7, 5, 5, 32, 24, 3, 6, 12, 10};
    static final String[] CLASSES = {"12.22", "12.06", "12.03", "06.24", "22.06", "04.33"};
    static final int[] PEOPLE_SHARE = {35, 15, 12, 8, 22, 8};
    static final int[] UNIT_SHARE = {30, 20, 15, 5, 20, 10};

    @Test
    void allocate_at_regional_and_national_size() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("tavan.benchmark"), "benchmark runs only with -Dtavan.benchmark=true");
        Matcher matcher = new Matcher(Policy.current());
        StringBuilder report = new StringBuilder("allocation benchmark " + Instant.now() + ", policy "
                + matcher.policy().version() + ", java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB\n");
        long[] best = new long[2];
        int[][] sizes = {{10_000, 100_000}, {50_000, 610_000}};
        for (int s = 0; s < sizes.length; s++) {
            Random rnd = new Random(1405 + s);
            List<AvailableUnit> units = units(rnd, sizes[s][0]);
            List<WaitingBeneficiary> people = people(rnd, sizes[s][1]);
            long fitNothing = people.stream().filter(p -> p.measurements().containsKey("unfit")).count();
            int repeats = s == 0 ? 3 : 2;
            long[] millis = new long[repeats];
            long[] baseline = new long[repeats];
            MatchResult result = null;
            for (int run = 0; run < repeats; run++) {
                long start = System.nanoTime();
                result = matcher.match(AS_OF, units, people, Map.of(), run);
                millis[run] = (System.nanoTime() - start) / 1_000_000;
                // Baseline, same run: score everyone with the policy and sort by the strict key,
                // the least any priority-first allocator must do.
                start = System.nanoTime();
                long[] keys = people.stream().mapToLong(p -> matcher.policy().rank(matcher.policy().score(p, AS_OF))).toArray();
                Arrays.sort(keys);
                baseline[run] = (System.nanoTime() - start) / 1_000_000;
            }
            long round2 = result.proposals().stream().filter(p -> p.share().round() == 2).count();
            best[s] = Arrays.stream(millis).min().orElseThrow();
            report.append(String.format("""
                    %,d units x %,d people: 31 provinces, 6 classes, %d variants, %,d people generated to fit nothing
                      matcher runs (ms, first with JIT warm-up): %s, best %d ms
                      baseline (score and sort everyone), same runs (ms): %s, best %d ms; matcher/baseline %.1fx
                      proposals %,d (round 2: %,d), units left %,d
                    """, units.size(), people.size(), units.stream().map(AvailableUnit::variantId).distinct().count(),
                    fitNothing, Arrays.toString(millis), best[s], Arrays.toString(baseline),
                    Arrays.stream(baseline).min().orElseThrow(),
                    (double) best[s] / Math.max(1, Arrays.stream(baseline).min().orElseThrow()),
                    result.proposals().size(), round2, result.unassignedSerials().size()));
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/allocation-benchmark.txt"), report);
        assertThat(best[0]).as("10,000 x 100,000 under 2 s").isLessThan(2_000);
        assertThat(best[1]).as("50,000 x 610,000 under 10 s").isLessThan(10_000);
    }

    static String province(Random rnd) {
        double[] w = Arrays.stream(POPULATION).mapToDouble(p -> Math.pow(p, 1.5)).toArray();
        double x = rnd.nextDouble() * Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            x -= w[i];
            if (x < 0) {
                return String.format("%02d", i + 1);
            }
        }
        return "31";
    }

    static String pick(Random rnd, int[] share) {
        int x = rnd.nextInt(Arrays.stream(share).sum());
        for (int i = 0; i < share.length; i++) {
            x -= share[i];
            if (x < 0) {
                return CLASSES[i];
            }
        }
        return CLASSES[0];
    }

    /** 98 variants: 48 wheelchairs, 8 walkers, 8 crutches, 12 prosthesis components, 12 hearing aids, 10 cushions. */
    static List<AvailableUnit> units(Random rnd, int n) {
        List<AvailableUnit> units = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String cls = pick(rnd, UNIT_SHARE);
            Map<String, String> s = new HashMap<>();
            String v;
            switch (cls) {
                case "12.22" -> {
                    int width = 340 + 20 * rnd.nextInt(8);
                    int depth = 360 + 40 * rnd.nextInt(3);
                    int mass = rnd.nextBoolean() ? 100 : 125;
                    s.put("seat_width_mm", "" + width);
                    s.put("seat_depth_mm", "" + depth);
                    s.put("max_user_mass_kg", "" + mass);
                    v = "WC-" + width + "-" + depth + "-" + mass;
                }
                case "12.06" -> {
                    int low = 640 + 60 * rnd.nextInt(4);
                    int mass = rnd.nextBoolean() ? 100 : 136;
                    s.put("handle_height_min_mm", "" + low);
                    s.put("handle_height_max_mm", "" + (low + 150));
                    s.put("max_user_mass_kg", "" + mass);
                    v = "WK-" + low + "-" + mass;
                }
                case "12.03" -> {
                    int low = 100 + 25 * rnd.nextInt(4);
                    int mass = rnd.nextBoolean() ? 100 : 140;
                    s.put("user_height_min_cm", "" + low);
                    s.put("user_height_max_cm", "" + (low + 45));
                    s.put("max_user_mass_kg", "" + mass);
                    v = "CR-" + low + "-" + mass;
                }
                case "06.24" -> {
                    String level = List.of("transtibial", "knee", "transfemoral").get(rnd.nextInt(3));
                    int mass = List.of(60, 80, 100, 125).get(rnd.nextInt(4));
                    s.put("amputation_level", level.equals("knee") ? "knee,transfemoral" : level);
                    s.put("max_user_mass_kg", "" + mass);
                    v = "PR-" + level + "-" + mass;
                }
                case "22.06" -> {
                    int low = 10 * rnd.nextInt(6);
                    int span = rnd.nextBoolean() ? 50 : 70;
                    s.put("fitting_range_min_db_hl", "" + low);
                    s.put("fitting_range_max_db_hl", "" + (low + span));
                    v = "HA-" + low + "-" + span;
                }
                default -> {
                    int width = 320 + 20 * rnd.nextInt(10);
                    s.put("cushion_width_mm", "" + width);
                    v = "CU-" + width;
                }
            }
            units.add(new AvailableUnit(String.format("TV-%07d", i), v, cls, s, province(rnd)));
        }
        return units;
    }

    static List<WaitingBeneficiary> people(Random rnd, int n) {
        List<WaitingBeneficiary> people = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String cls = pick(rnd, PEOPLE_SHARE);
            boolean child = rnd.nextInt(6) == 0;
            Map<String, String> m = new HashMap<>();
            m.put("body_mass_kg", "" + (child ? 18 + rnd.nextInt(40) : 45 + rnd.nextInt(90)));
            int hip = (child ? 220 : 320) + rnd.nextInt(180);
            switch (cls) {
                case "12.22" -> {
                    m.put("hip_width_mm", "" + hip);
                    m.put("thigh_length_mm", "" + ((child ? 300 : 400) + rnd.nextInt(140)));
                }
                case "12.06" -> m.put("wrist_height_mm", "" + ((child ? 480 : 680) + rnd.nextInt(260)));
                case "12.03" -> m.put("height_cm", "" + ((child ? 95 : 145) + rnd.nextInt(50)));
                case "06.24" -> m.put("amputation_level", List.of("transtibial", "knee", "transfemoral", "hip").get(rnd.nextInt(4)));
                case "22.06" -> {
                    int base = rnd.nextInt(110);
                    for (int f : new int[] {500, 1000, 2000, 4000}) {
                        m.put("threshold_" + f + "_db", "" + Math.max(0, base + rnd.nextInt(30) - 10));
                    }
                }
                default -> m.put("hip_width_mm", "" + hip);
            }
            // About one in eight has an assessment without the measurement the class needs.
            if (rnd.nextInt(8) == 0) {
                m.keySet().stream().filter(k -> !k.equals("body_mass_kg")).findFirst().ifPresent(m::remove);
            }
            WaitingBeneficiary b = new WaitingBeneficiary(i + 1, province(rnd), child, !child && rnd.nextInt(8) == 0,
                    rnd.nextInt(3) == 0, AS_OF.minusDays(rnd.nextInt(6 * 365)), cls, m,
                    Urgency.values()[rnd.nextInt(3)], 1 + rnd.nextInt(5), i + 1, AS_OF.minusDays(rnd.nextInt(3 * 365)));
            people.add(b);
        }
        // Mark (for the report only; the matcher ignores the key) who fits no variant of the units.
        List<AvailableUnit> probe = units(new Random(1), 2_000);
        Policy policy = Policy.current();
        List<WaitingBeneficiary> marked = new ArrayList<>(n);
        Map<String, List<AvailableUnit>> byClass = new HashMap<>();
        probe.stream().collect(java.util.stream.Collectors.toMap(AvailableUnit::variantId, u -> u, (a, b) -> a))
                .values().forEach(u -> byClass.computeIfAbsent(u.deviceClass(), k -> new ArrayList<>()).add(u));
        for (WaitingBeneficiary b : people) {
            boolean fits = byClass.getOrDefault(b.deviceClass(), List.of()).stream()
                    .anyMatch(u -> policy.rulesFor(b.deviceClass()).stream().allMatch(r -> r.passes(b.measurements(), u.specs())));
            if (fits) {
                marked.add(b);
            } else {
                Map<String, String> m = new HashMap<>(b.measurements());
                m.put("unfit", "1");
                marked.add(new WaitingBeneficiary(b.id(), b.province(), b.child(), b.womanHeadOfHousehold(), b.rural(),
                        b.registeredOn(), b.deviceClass(), m, b.urgency(), b.needLevel(), b.assessmentId(), b.assessedOn()));
            }
        }
        marked.sort(Comparator.comparingLong(WaitingBeneficiary::id));
        return marked;
    }
}
