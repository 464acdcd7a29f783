package org.tavan.allocation;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.tavan.Json;
import org.tavan.catalog.SpecKey;

/**
 * The published allocation policy (src/main/resources/allocation/policy-v*.json): how priority
 * is scored, which measurements must fall within which variant specifications, and how a batch
 * is shared among provinces. Every proposal records {@link #version()}.
 */
public record Policy(String version, String publishedOn, String description, Priority priority,
                     Map<String, List<FitRule>> fitRules, Shares shares) {

    public static final Set<String> CATEGORIES = Set.of("child", "womanHeadOfHousehold", "rural");

    /** The parts of priority, in the names {@link Priority#order} uses. */
    public static final List<String> PARTS = List.of("needLevel", "urgency", "waiting", "groups");

    /**
     * Points that make up priority. Waiting time counts whole months since registration (v1, v2)
     * or since the assessment for the device class ({@code waitingFrom: "assessment"}, v3),
     * capped. {@code order} (v3): priority is not the sum of the points but the parts compared
     * one after the other in this order (lexicographic), so no number of lower parts can
     * outweigh a higher one; without it (v1, v2) priority is the sum.
     */
    public record Priority(Map<String, Integer> needLevelPoints, Map<String, Integer> urgencyPoints,
                           int waitingPointsPerMonth, int waitingPointsCap, Map<String, Integer> groupPoints,
                           List<String> order, String waitingFrom) {
        boolean fromAssessment() {
            return "assessment".equals(waitingFrom);
        }
    }

    /**
     * How a batch of one device class is shared among provinces: {@code basis} "count" (waiting
     * people needing the class) or "need" (their summed priority); largest remainder.
     * {@code reserved}: a fraction of each province's share (rounded down) only people of that
     * group may take. {@code redistributeUnused}: units no one in their province's share fits
     * are offered in a second, national round with the same objective.
     */
    public record Shares(String basis, boolean redistributeUnused, List<Reserve> reserved, Boolean cumulative) {
        /** v3: shares hold over the policy period; absent (v1, v2): each run on its own. */
        public boolean isCumulative() {
            return Boolean.TRUE.equals(cumulative);
        }
    }

    /** {@code fraction} is read as the decimal written in the file, so seats are counted exactly (0.29 × 100 = 29). */
    public record Reserve(String category, java.math.BigDecimal fraction) {
        /** The fraction in percent, for the policy page. */
        public java.math.BigDecimal percent() {
            return fraction.movePointRight(2).stripTrailingZeros();
        }
    }

    /** v3 and later: strict (lexicographic) priority, cumulative shares, tie-breaks by assessment date and a draw. */
    public boolean strict() {
        return priority.order() != null;
    }

    /**
     * The breakdown of one person's priority, shown with every proposal. {@code needLevel} and
     * {@code urgency} are the assessment's values the points came from (added after v1's first
     * proposals: older stored reasons lack them).
     */
    public record Score(int needPoints, int urgencyPoints, long waitingMonths, int waitingPoints,
                        int groupPoints, List<String> groups, int total, int needLevel, String urgency,
                        String waitingFrom) {
    }

    public static Policy load(InputStream in) {
        ObjectMapper json = Json.mapper();
        try {
            Policy policy = json.readValue(in, Policy.class);
            policy.validate();
            return policy;
        } catch (IOException e) {
            throw new IllegalArgumentException("Allocation policy cannot be read: " + e.getMessage(), e);
        }
    }

    /** The policy shipped with this version of Tavan. */
    public static Policy current() {
        return version("v3");
    }

    /** A published version, current or past (past runs are read with the policy they used). */
    public static Policy version(String version) {
        if (!version.matches("v[0-9]{1,3}")) {
            throw new IllegalArgumentException("No such policy version: " + version);
        }
        try (InputStream in = Policy.class.getResourceAsStream("/allocation/policy-" + version + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No such policy version: " + version);
            }
            return load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void validate() {
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank()) {
            problems.add("version is required");
        }
        if (priority == null || priority.needLevelPoints() == null || priority.urgencyPoints() == null
                || priority.groupPoints() == null) {
            problems.add("priority with needLevelPoints, urgencyPoints and groupPoints is required");
        } else {
            for (int level = 1; level <= 5; level++) {
                if (!priority.needLevelPoints().containsKey(String.valueOf(level))) {
                    problems.add("priority.needLevelPoints lacks level " + level);
                }
            }
            for (Urgency u : Urgency.values()) {
                if (!priority.urgencyPoints().containsKey(u.code())) {
                    problems.add("priority.urgencyPoints lacks " + u.code());
                }
            }
            priority.groupPoints().keySet().stream().filter(k -> !CATEGORIES.contains(k))
                    .forEach(k -> problems.add("priority.groupPoints has unknown group " + k));
            if (priority.waitingPointsCap() < 0 || priority.waitingPointsPerMonth() < 0) {
                problems.add("waiting points must not be negative");
            }
            if (priority.order() != null && (priority.order().size() != PARTS.size()
                    || !new java.util.HashSet<>(priority.order()).equals(new java.util.HashSet<>(PARTS)))) {
                problems.add("priority.order must name each of " + PARTS + " once");
            }
            if (priority.waitingFrom() != null && !List.of("registration", "assessment").contains(priority.waitingFrom())) {
                problems.add("priority.waitingFrom must be registration or assessment");
            }
            // Each part has a slot of four decimal digits in the strict order's key.
            java.util.stream.Stream.of(priority.needLevelPoints().values(), priority.urgencyPoints().values(),
                            priority.groupPoints().values(), List.of(priority.waitingPointsCap()))
                    .flatMap(java.util.Collection::stream)
                    .filter(v -> v < 0 || v > 2_000).findAny()
                    .ifPresent(v -> problems.add("priority points must be within 0..2000"));
        }
        if (fitRules == null) {
            problems.add("fitRules is required");
        } else {
            fitRules.forEach((cls, rules) -> {
                rules.forEach(rule -> {
                    rule.problems(cls).forEach(problems::add);
                    // A rule naming a specification the catalogue cannot hold would silently fit nobody.
                    for (String spec : java.util.Arrays.asList(rule.spec(), rule.specMin(), rule.specMax())) {
                        if (spec != null && !SpecKey.isKnown(spec)) {
                            problems.add("fitRules." + cls + "." + rule.id() + " names '" + spec
                                    + "', which is not a catalogue specification");
                        }
                    }
                });
            });
        }
        if (shares == null || shares.basis() == null || !(List.of("count", "need").contains(shares.basis()))) {
            problems.add("shares.basis must be count or need");
        } else if (shares.reserved() != null) {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (Reserve r : shares.reserved()) {
                if (!CATEGORIES.contains(r.category())) {
                    problems.add("shares.reserved has unknown group " + r.category());
                }
                if (r.fraction() == null || r.fraction().signum() < 0 || r.fraction().compareTo(java.math.BigDecimal.ONE) > 0) {
                    problems.add("shares.reserved fraction must be within 0..1");
                } else {
                    sum = sum.add(r.fraction());
                }
            }
            if (sum.compareTo(java.math.BigDecimal.ONE) > 0) {
                problems.add("shares.reserved fractions add up to more than 1");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Allocation policy " + version + " is invalid: " + String.join("; ", problems));
        }
    }

    List<Reserve> reserved() {
        return shares.reserved() == null ? List.of() : shares.reserved();
    }

    List<FitRule> rulesFor(String deviceClass) {
        return fitRules.getOrDefault(deviceClass, List.of());
    }

    /** Priority points of one person on {@code asOf}; every eligible person gets at least 1. */
    public Score score(WaitingBeneficiary b, LocalDate asOf) {
        int need = priority.needLevelPoints().getOrDefault(String.valueOf(b.needLevel()), 0);
        int urgency = priority.urgencyPoints().getOrDefault(b.urgency().code(), 0);
        LocalDate since = priority.fromAssessment() ? b.assessedOn() : b.registeredOn();
        long months = Math.max(0, ChronoUnit.MONTHS.between(since, asOf));
        int waiting = (int) Math.min(priority.waitingPointsCap(), months * priority.waitingPointsPerMonth());
        List<String> groups = new ArrayList<>();
        int groupPoints = 0;
        for (String g : categoriesOf(b)) {
            groups.add(g);
            groupPoints += priority.groupPoints().getOrDefault(g, 0);
        }
        int total = Math.max(1, need + urgency + waiting + groupPoints);
        return new Score(need, urgency, months, waiting, groupPoints, List.copyOf(groups), total, b.needLevel(),
                b.urgency().code(), priority.fromAssessment() ? "assessment" : "registration");
    }

    /**
     * The strict order's key (v3): the parts' points compared in {@code priority.order}, each in
     * its own four-digit slot, so a larger key is a higher priority and a part decides only when
     * every part before it is equal. Without an order (v1, v2) the key is the sum.
     */
    public long rank(Score s) {
        if (priority.order() == null) {
            return s.total();
        }
        long key = 0;
        for (String part : priority.order()) {
            int points = switch (part) {
                case "needLevel" -> s.needPoints();
                case "urgency" -> s.urgencyPoints();
                case "waiting" -> s.waitingPoints();
                default -> s.groupPoints();
            };
            key = key * 10_000 + points;
        }
        return key;
    }

    static List<String> categoriesOf(WaitingBeneficiary b) {
        List<String> groups = new ArrayList<>(3);
        if (b.child()) {
            groups.add("child");
        }
        if (b.womanHeadOfHousehold()) {
            groups.add("womanHeadOfHousehold");
        }
        if (b.rural()) {
            groups.add("rural");
        }
        return groups;
    }
}
