package org.tavan.allocation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative apportionment of one device class over the policy period (policy v3).
 * {@code before}: the units each province already got in the period (round 1 and manual
 * assignments); {@code weights}: registered need now. The period's total T = Σ before + batch
 * is what is shared: province p's exact share is T·w_p/W. The batch's units are handed out one
 * at a time, each to the province furthest below its exact share of the units handed out so
 * far (the largest T_s·w_p − Q_p·W, exact integers; ties: larger weight, then province code).
 *
 * <p>Why this method: handing units out one at a time makes the quotas of a batch of n + 1
 * contain those of a batch of n — house monotone, so there is no Alabama paradox, which
 * largest remainder (Hamilton) has; and measuring each step against the cumulative exact
 * share carries every province's surplus or deficit into the next run, so small batches no
 * longer always go to the largest province. With the same weights it keeps every province
 * within one unit of its exact share after every unit (MatcherPropertyTest checks this on
 * random sequences of batch sizes). A province that got more than its share when weights were
 * different keeps what it got (units are not taken back) and gets nothing until the others
 * have caught up.
 *
 * @param exact the cumulative exact share T·w_p/W (for display; decisions use integers)
 * @param seats this run's quota
 */
record Apportionment(Map<String, Long> weights, Map<String, Double> exact, Map<String, Integer> seats,
                     Map<String, Integer> before) {

    static Apportionment cumulative(int batch, Map<String, Long> weights, Map<String, Integer> before) {
        Map<String, Long> w = new TreeMap<>(weights);
        before.keySet().forEach(k -> w.putIfAbsent(k, 0L));
        long sum = w.values().stream().mapToLong(Long::longValue).sum();
        String[] keys = w.keySet().toArray(String[]::new);
        long[] weight = new long[keys.length];
        long[] held = new long[keys.length];
        long period = 0;
        for (int i = 0; i < keys.length; i++) {
            weight[i] = w.get(keys[i]);
            held[i] = before.getOrDefault(keys[i], 0);
            period += held[i];
        }
        int[] given = new int[keys.length];
        if (sum > 0) {
            for (int step = 0; step < batch; step++) {
                long t = period + step + 1;
                int best = -1;
                long bestDeficit = 0;
                for (int i = 0; i < keys.length; i++) {
                    if (weight[i] == 0) {
                        continue;
                    }
                    long deficit = Math.subtractExact(Math.multiplyExact(t, weight[i]),
                            Math.multiplyExact(held[i] + given[i], sum));
                    if (best < 0 || deficit > bestDeficit || (deficit == bestDeficit && weight[i] > weight[best])) {
                        best = i;
                        bestDeficit = deficit;
                    }
                }
                given[best]++;
            }
        }
        long total = period + (sum > 0 ? batch : 0);
        Map<String, Double> exact = new LinkedHashMap<>();
        Map<String, Integer> seats = new LinkedHashMap<>();
        Map<String, Integer> had = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            exact.put(keys[i], sum == 0 ? 0.0 : (double) total * weight[i] / sum);
            seats.put(keys[i], given[i]);
            had.put(keys[i], (int) held[i]);
        }
        return new Apportionment(Map.copyOf(w), exact, seats, had);
    }

    /**
     * Seats of this run reserved for a group: ⌊f·(before + quota)⌋ − ⌊f·before⌋, so over the
     * period the group has ⌊f × the province's cumulative quota⌋ seats, counted exactly on the
     * decimal written in the policy (0.29 × 100 is 29), and a small quota is not always rounded to none.
     */
    static int reserved(BigDecimal fraction, int before, int quota) {
        return floor(fraction, before + quota) - floor(fraction, before);
    }

    private static int floor(BigDecimal fraction, int n) {
        return fraction.multiply(BigDecimal.valueOf(n)).setScale(0, java.math.RoundingMode.FLOOR).intValueExact();
    }
}
