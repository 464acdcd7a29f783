package org.tavan.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Largest-remainder (Hamilton) apportionment of {@code total} units among keys in proportion
 * to their weights: every key gets the floor of its exact share, and the units left over go
 * one each to the largest remainders (ties: larger weight, then key). So each key ends within
 * one unit of its exact share, and the seats add up to {@code total}. Remainders are compared
 * as exact integers (total × weight mod sum), never as floating point.
 */
record Apportionment(Map<String, Long> weights, Map<String, Double> exact, Map<String, Integer> seats) {

    static Apportionment largestRemainder(int total, Map<String, Long> weights) {
        Map<String, Double> exact = new LinkedHashMap<>();
        Map<String, Integer> seats = new LinkedHashMap<>();
        long sum = weights.values().stream().mapToLong(Long::longValue).sum();
        if (sum <= 0 || total <= 0) {
            weights.keySet().forEach(k -> {
                exact.put(k, 0.0);
                seats.put(k, 0);
            });
            return new Apportionment(Map.copyOf(weights), exact, seats);
        }
        int given = 0;
        record Rest(String key, long remainder, long weight) {
        }
        List<Rest> rests = new ArrayList<>();
        for (Map.Entry<String, Long> e : weights.entrySet()) {
            long numerator = (long) total * e.getValue();
            int floor = (int) (numerator / sum);
            seats.put(e.getKey(), floor);
            exact.put(e.getKey(), (double) numerator / sum);
            given += floor;
            rests.add(new Rest(e.getKey(), numerator % sum, e.getValue()));
        }
        rests.sort(Comparator.comparingLong(Rest::remainder).reversed()
                .thenComparing(Comparator.comparingLong(Rest::weight).reversed())
                .thenComparing(Rest::key));
        for (int i = 0; i < total - given; i++) {
            seats.merge(rests.get(i).key(), 1, Integer::sum);
        }
        return new Apportionment(Map.copyOf(weights), exact, seats);
    }
}
