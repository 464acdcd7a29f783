package org.tavan.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One version of a test plan. Plans are never edited in place: a change is a new version, and
 * a verdict keeps the id of the version it used.
 *
 * @param rigKinds the rig kinds (firmware profile ids) whose readings this plan understands;
 *                 empty for a plan checked by hand only
 */
public record TestPlan(long id, String code, int version, String name, List<String> rigKinds,
                       List<MeasurementLimit> measurements, List<ChecklistItem> checklist, LongRun longRun,
                       String source, Instant createdAt, String createdBy) {

    /**
     * A measured quantity and its limits. With {@code relativeTo} set, {@code lower}/{@code upper}
     * are offsets from the variant's datasheet value ({@code relativeMode} "offset", in the
     * measurement's unit) or percentages of it ("percent"). Values within {@code marginal} of a
     * limit, inside it, are "marginal". {@code aggregate} says which readings count: max, min,
     * mean or last.
     */
    public record MeasurementLimit(String name, String unit, String aggregate, Double lower, Double upper,
                                   String relativeTo, String relativeMode, Double marginal, String standard,
                                   String clause, Boolean required, Boolean unverified) {
    }

    /** A check the technician confirms by hand, e.g. "no visible crack" after a fatigue run. */
    public record ChecklistItem(String key, String text, String textFa, Boolean required) {
    }

    /**
     * A run that lasts days. {@code counter} names the measurement carrying the cycle count;
     * {@code checkpoints} are fractions of the target (ISO 7176-8: re-tightening at 25 %, ±5 %).
     */
    public record LongRun(String counter, long cycleTarget, List<Double> checkpoints, double checkpointTolerance,
                          int maxReplacements) {
    }

    /** What a quality lead writes; the service adds code, version and provenance. */
    public record Definition(String name, List<String> rigKinds, List<MeasurementLimit> measurements,
                             List<ChecklistItem> checklist, LongRun longRun, String source) {
    }

    public Definition definition() {
        return new Definition(name, rigKinds, measurements, checklist, longRun, source);
    }
}
