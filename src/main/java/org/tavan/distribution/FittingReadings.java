package org.tavan.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.quality.Reading;
import org.tavan.quality.RegisteredRigData;
import org.tavan.quality.RigFacts;
import org.tavan.rigs.RigId;

/**
 * What a fitting rig (e.g. a cushion pressure mat) measured during a fitting: its frames of the
 * last minutes, kept for good (held against retention) and summarised as max and mean of every
 * scalar measurement. Array cells (a pressure map's p_r03_c07, whose names carry digits) are
 * left to the rig's own summaries (peak, mean).
 */
final class FittingReadings {

    private final RegisteredRigData rigs;
    private final Clock clock;

    FittingReadings(RegisteredRigData rigs, Clock clock) {
        this.rigs = rigs;
        this.clock = clock;
    }

    Map<String, Object> readings(Handle h, long caseId, String rigId, Integer minutesAsked) {
        int minutes = minutesAsked == null ? 30 : minutesAsked;
        if (minutes < 1 || minutes > 240) {
            throw new InvalidInput("minutes", "The fitting's readings are from the last 1 to 240 minutes");
        }
        RigId id = RigId.of(rigId);
        RigFacts rig = rigs.rig(id).orElseThrow(() -> new InvalidInput("rigId", "No registered rig '" + rigId + "'"));
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofMinutes(minutes));
        List<Reading> readings = rigs.readings(id, from, to);
        if (readings.isEmpty()) {
            throw new Conflict("no_fitting_readings", "Rig " + rigId + " sent no readings in the last " + minutes
                    + " minutes; take the fitting measurement first", Map.of("rigId", rigId, "minutes", minutes));
        }
        List<Long> frames = readings.stream().map(Reading::id).distinct().toList();
        rigs.hold(id, frames, "service_case:" + caseId, to);
        Map<String, Map<String, Object>> summary = new TreeMap<>();
        readings.stream().filter(r -> !r.name().matches(".*\\d.*"))
                .collect(Collectors.groupingBy(Reading::name))
                .forEach((name, values) -> {
                    DoubleSummaryStatistics stats = values.stream().mapToDouble(Reading::value).summaryStatistics();
                    summary.put(name, Map.of("max", stats.getMax(), "mean", Math.round(stats.getAverage() * 100) / 100.0,
                            "unit", values.get(0).unit()));
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rigId", rigId);
        out.put("kind", rig.kind());
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("frames", frames.size());
        out.put("frameIds", frames);
        out.put("summary", summary);
        return out;
    }
}
