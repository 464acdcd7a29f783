package org.tavan.allocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocating 10,000 units among 100,000 waiting people across 31 provinces with the shipped
 * policy. Not part of the normal suite (the name does not end in Test); run it with
 * {@code mvn -o -q test -Dtest=AllocationBenchmark -Dtavan.benchmark=true}.
 * Figures go to target/allocation-benchmark.txt and docs/benchmarks.md (## Allocation).
 */
class AllocationBenchmark {

    static final int UNITS = 10_000;
    static final int PEOPLE = 100_000;
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    /** Rough relative populations of the 31 provinces (Tehran largest), codes 01..31. */
    static final int[] POPULATION = {40, 33, 13, 28, 26, 23, 14, 11, 8, 7, 21, 13, 18, 8, 6, 5, 16, 10, 31, 10,
            13, 7, 7, 5, 5, 32, 24, 3, 6, 12, 10};

    @Test
    void allocate_ten_thousand_units_among_a_hundred_thousand_people() throws IOException {
        // Package-wide selections (-Dtest='org.tavan.allocation.**') would otherwise run it.
        Assumptions.assumeTrue(Boolean.getBoolean("tavan.benchmark"), "benchmark runs only with -Dtavan.benchmark=true");
        Random rnd = new Random(1404);
        List<AvailableUnit> units = units(rnd);
        List<WaitingBeneficiary> people = people(rnd);
        Matcher matcher = new Matcher(Policy.current());

        long[] millis = new long[5];
        MatchResult result = null;
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            result = matcher.match(AS_OF, units, people);
            millis[run] = (System.nanoTime() - start) / 1_000_000;
        }
        // Baseline measured in the same run: scoring every waiting person with the policy and
        // sorting by priority, the least any priority-first allocator must do.
        long[] baseline = new long[5];
        for (int run = 0; run < baseline.length; run++) {
            long start = System.nanoTime();
            List<Integer> order = people.stream().map(p -> matcher.policy().score(p, AS_OF).total())
                    .sorted(java.util.Comparator.reverseOrder()).toList();
            baseline[run] = (System.nanoTime() - start) / 1_000_000;
            if (order.size() != people.size()) {
                throw new IllegalStateException("baseline lost people");
            }
        }
        long[] sortedBaseline = baseline.clone();
        Arrays.sort(sortedBaseline);
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        long round2 = result.proposals().stream().filter(p -> p.share().round() == 2).count();
        String report = String.format("""
                allocation benchmark %s
                units %d, waiting people %d, provinces 31, device classes 4, variants %d
                runs (ms, first includes JIT warm-up): %s
                median %d ms, best %d ms
                baseline (score and sort 100,000 people by priority), same run: %s, median %d ms
                matcher / baseline (medians): %.1fx
                proposals %d (round 2: %d), units left unassigned %d
                java %s, %d cores
                """, Instant.now(), units.size(), people.size(),
                units.stream().map(AvailableUnit::variantId).distinct().count(), Arrays.toString(millis),
                sorted[sorted.length / 2], sorted[0], Arrays.toString(baseline), sortedBaseline[2],
                (double) sorted[sorted.length / 2] / Math.max(1, sortedBaseline[2]), result.proposals().size(), round2,
                result.unassignedSerials().size(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/allocation-benchmark.txt"), report);
        // The machine is shared with other builds: the best of five runs is what the code can do,
        // the median what a busy machine gives; both are reported.
        assertThat(sorted[0]).as("best run under the 5 s goal").isLessThan(5_000);
    }

    static String province(Random rnd) {
        int total = Arrays.stream(POPULATION).sum();
        int x = rnd.nextInt(total);
        for (int i = 0; i < POPULATION.length; i++) {
            x -= POPULATION[i];
            if (x < 0) {
                return String.format("%02d", i + 1);
            }
        }
        return "01";
    }

    static String deviceClass(Random rnd) {
        int x = rnd.nextInt(100);
        return x < 40 ? "12.22" : x < 60 ? "12.06" : x < 75 ? "06.24" : "22.06";
    }

    static List<AvailableUnit> units(Random rnd) {
        List<AvailableUnit> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            String cls = deviceClass(rnd);
            Map<String, String> specs = new HashMap<>();
            String variant;
            switch (cls) {
                case "12.22" -> {
                    int width = 360 + 20 * rnd.nextInt(8);
                    int depth = 380 + 40 * rnd.nextInt(3);
                    int mass = rnd.nextBoolean() ? 100 : 125;
                    specs.put("seat_width_mm", String.valueOf(width));
                    specs.put("seat_depth_mm", String.valueOf(depth));
                    specs.put("max_user_mass_kg", String.valueOf(mass));
                    variant = "WC-" + width + "-" + depth + "-" + mass;
                }
                case "12.06" -> {
                    int low = 700 + 60 * rnd.nextInt(3);
                    int mass = rnd.nextBoolean() ? 100 : 136;
                    specs.put("handle_height_min_mm", String.valueOf(low));
                    specs.put("handle_height_max_mm", String.valueOf(low + 150));
                    specs.put("max_user_mass_kg", String.valueOf(mass));
                    variant = "WK-" + low + "-" + mass;
                }
                case "06.24" -> {
                    String level = List.of("transtibial", "knee", "transfemoral").get(rnd.nextInt(3));
                    int mass = List.of(60, 80, 100, 125).get(rnd.nextInt(4));
                    specs.put("amputation_level", level.equals("knee") ? "knee,transfemoral" : level);
                    specs.put("max_user_mass_kg", String.valueOf(mass));
                    variant = "PR-" + level + "-" + mass;
                }
                default -> {
                    int low = 20 * rnd.nextInt(4);
                    specs.put("fitting_range_min_db_hl", String.valueOf(low));
                    specs.put("fitting_range_max_db_hl", String.valueOf(low + 50));
                    variant = "HA-" + low;
                }
            }
            units.add(new AvailableUnit(String.format("TV-%06d", i), variant, cls, specs, province(rnd)));
        }
        return units;
    }

    static List<WaitingBeneficiary> people(Random rnd) {
        List<WaitingBeneficiary> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String cls = deviceClass(rnd);
            Map<String, String> m = new HashMap<>();
            boolean child = rnd.nextInt(5) == 0;
            double mass = child ? 20 + rnd.nextInt(40) : 45 + rnd.nextInt(80);
            m.put("body_mass_kg", String.valueOf(mass));
            switch (cls) {
                case "12.22" -> {
                    m.put("hip_width_mm", String.valueOf((child ? 260 : 330) + rnd.nextInt(150)));
                    m.put("thigh_length_mm", String.valueOf((child ? 330 : 420) + rnd.nextInt(120)));
                }
                case "12.06" -> m.put("wrist_height_mm", String.valueOf((child ? 560 : 720) + rnd.nextInt(200)));
                case "06.24" -> m.put("amputation_level",
                        List.of("transtibial", "knee", "transfemoral").get(rnd.nextInt(3)));
                default -> {
                    int base = rnd.nextInt(90);
                    for (int f : new int[] {500, 1000, 2000, 4000}) {
                        m.put("threshold_" + f + "_db", String.valueOf(Math.max(0, base + rnd.nextInt(20) - 5)));
                    }
                }
            }
            people.add(new WaitingBeneficiary(i + 1, province(rnd), child, !child && rnd.nextInt(8) == 0,
                    rnd.nextInt(3) == 0, AS_OF.minusDays(rnd.nextInt(3 * 365)), cls, m,
                    Urgency.values()[rnd.nextInt(3)], 1 + rnd.nextInt(5)));
        }
        return people;
    }
}
