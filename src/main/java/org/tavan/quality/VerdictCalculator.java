package org.tavan.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.tavan.catalog.TestPlan;

/**
 * Computes a test session's outcome from the plan version, the variant's datasheet values, the
 * readings and what the technician recorded. Pure: no clock, no database, so every rule here
 * is proven by plain unit tests and a stored verdict can be recomputed from its inputs.
 *
 * <p>Rules: a required measurement outside its limits, a failed required checklist item, or
 * more part replacements than the plan allows fail the session. A value inside its limits but
 * within the marginal band of one is marginal, as is a failed optional measurement; marginal
 * still counts as passing. Anything required that has no answer yet makes the result
 * "incomplete" (no verdict can be recorded) unless something has already failed.
 */
final class VerdictCalculator {

    private VerdictCalculator() {
    }

    record Interval(Instant from, Instant to) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && (to == null || t.isBefore(to));
        }
    }

    record Input(TestPlan plan, Map<String, Object> specs, List<Reading> readings, List<Interval> pauses,
                 Map<String, Boolean> checklist, int replacements, List<Long> checkpoints) {
    }

    record MeasurementResult(String name, String unit, String aggregate, Double lower, Double upper, Double marginal,
                             String relativeTo, Double datasheetValue, Double value, List<Long> readingIds,
                             List<Long> ignoredReadingIds, String outcome, String note, String standard, String clause,
                             boolean required, boolean unverified) {
    }

    record ChecklistResult(String key, String text, boolean required, Boolean passed, String outcome) {
    }

    record LongRunResult(String counter, long cyclesDone, long cycleTarget, double progress, List<Long> checkpointsPlanned,
                         List<Long> checkpointsRecorded, int replacements, int maxReplacements, String outcome) {
    }

    record Result(String outcome, List<MeasurementResult> measurements, List<ChecklistResult> checklist,
                  LongRunResult longRun, List<String> failures, List<String> marginals, List<String> missing) {
    }

    static Result compute(Input in) {
        List<String> failures = new ArrayList<>();
        List<String> marginals = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<MeasurementResult> measurements = new ArrayList<>();
        for (TestPlan.MeasurementLimit limit : in.plan().measurements()) {
            MeasurementResult r = measure(limit, in);
            measurements.add(r);
            boolean required = r.required();
            switch (r.outcome()) {
                case "fail" -> (required ? failures : marginals).add(r.name());
                case "marginal" -> marginals.add(r.name());
                case "missing" -> {
                    if (required) {
                        missing.add(r.name());
                    }
                }
                default -> { }
            }
        }
        List<ChecklistResult> checklist = new ArrayList<>();
        for (TestPlan.ChecklistItem item : in.plan().checklist()) {
            Boolean passed = in.checklist().get(item.key());
            boolean required = !Boolean.FALSE.equals(item.required());
            String outcome = passed == null ? "missing" : passed ? "pass" : "fail";
            checklist.add(new ChecklistResult(item.key(), item.text(), required, passed, outcome));
            if (passed == null && required) {
                missing.add("checklist:" + item.key());
            } else if (Boolean.FALSE.equals(passed)) {
                (required ? failures : marginals).add("checklist:" + item.key());
            }
        }
        LongRunResult longRun = null;
        TestPlan.LongRun run = in.plan().longRun();
        if (run != null) {
            long cycles = cyclesDone(in.readings(), run.counter());
            List<Long> planned = run.checkpoints().stream().map(f -> Math.round(f * run.cycleTarget())).toList();
            String outcome;
            if (in.replacements() > run.maxReplacements()) {
                outcome = "fail";
                failures.add("long_run:replacements");
            } else if (cycles >= run.cycleTarget()) {
                outcome = "pass";
            } else {
                outcome = "running";
                missing.add("long_run:cycles");
            }
            longRun = new LongRunResult(run.counter(), cycles, run.cycleTarget(),
                    Math.min(1.0, (double) cycles / run.cycleTarget()), planned, List.copyOf(in.checkpoints()),
                    in.replacements(), run.maxReplacements(), outcome);
        }
        String outcome = !failures.isEmpty() ? "fail" : !missing.isEmpty() ? "incomplete"
                : !marginals.isEmpty() ? "marginal" : "pass";
        return new Result(outcome, measurements, checklist, longRun, failures, marginals, missing);
    }

    private static MeasurementResult measure(TestPlan.MeasurementLimit limit, Input in) {
        boolean required = !Boolean.FALSE.equals(limit.required());
        boolean unverified = Boolean.TRUE.equals(limit.unverified());
        Double datasheet = null;
        Double lower = limit.lower();
        Double upper = limit.upper();
        if (limit.relativeTo() != null) {
            Object spec = in.specs().get(limit.relativeTo());
            if (!(spec instanceof Number number)) {
                return new MeasurementResult(limit.name(), limit.unit(), limit.aggregate(), null, null, limit.marginal(),
                        limit.relativeTo(), null, null, List.of(), List.of(), "fail",
                        "the variant has no datasheet value " + limit.relativeTo(), limit.standard(), limit.clause(),
                        required, unverified);
            }
            datasheet = number.doubleValue();
            boolean percent = "percent".equals(limit.relativeMode());
            double base = datasheet;
            lower = lower == null ? null : percent ? base * (1 + lower / 100) : base + lower;
            upper = upper == null ? null : percent ? base * (1 + upper / 100) : base + upper;
        }
        List<Reading> used = new ArrayList<>();
        List<Long> ignored = new ArrayList<>();
        for (Reading r : in.readings()) {
            if (!r.name().equals(limit.name())) {
                continue;
            }
            if (!r.unit().equals(limit.unit()) || in.pauses().stream().anyMatch(p -> p.contains(r.at()))) {
                ignored.add(r.id());
            } else {
                used.add(r);
            }
        }
        String note = ignored.isEmpty() ? null : ignored.size() + " reading(s) ignored: wrong unit or taken while paused";
        if (used.isEmpty()) {
            return new MeasurementResult(limit.name(), limit.unit(), limit.aggregate(), lower, upper, limit.marginal(),
                    limit.relativeTo(), datasheet, null, List.of(), ignored, "missing", note, limit.standard(),
                    limit.clause(), required, unverified);
        }
        used.sort(Comparator.comparing(Reading::at).thenComparing(Reading::id));
        double value = switch (limit.aggregate() == null ? "last" : limit.aggregate()) {
            case "max" -> used.stream().mapToDouble(Reading::value).max().orElseThrow();
            case "min" -> used.stream().mapToDouble(Reading::value).min().orElseThrow();
            case "mean" -> used.stream().mapToDouble(Reading::value).average().orElseThrow();
            default -> used.get(used.size() - 1).value();
        };
        String outcome;
        double band = limit.marginal() == null ? 0 : limit.marginal();
        if ((lower != null && value < lower) || (upper != null && value > upper)) {
            outcome = "fail";
        } else if (band > 0 && ((lower != null && value < lower + band) || (upper != null && value > upper - band))) {
            outcome = "marginal";
        } else {
            outcome = "pass";
        }
        return new MeasurementResult(limit.name(), limit.unit(), limit.aggregate(), lower, upper, limit.marginal(),
                limit.relativeTo(), datasheet, value, used.stream().map(Reading::id).toList(), ignored, outcome, note,
                limit.standard(), limit.clause(), required, unverified);
    }

    /**
     * Cycles done from the rig's counter readings. A rig that restarts counts from zero again,
     * so the count is the sum of each run of rising values' maximum.
     */
    static long cyclesDone(List<Reading> readings, String counter) {
        List<Reading> counts = readings.stream().filter(r -> r.name().equals(counter))
                .sorted(Comparator.comparing(Reading::at).thenComparing(Reading::id)).toList();
        long total = 0;
        long segmentMax = 0;
        long previous = -1;
        for (Reading r : counts) {
            long value = Math.round(r.value());
            if (value < previous) {
                total += segmentMax;
                segmentMax = 0;
            }
            segmentMax = Math.max(segmentMax, value);
            previous = value;
        }
        return total + segmentMax;
    }
}
