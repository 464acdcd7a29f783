package org.tavan.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tavan.catalog.TestPlan;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictCalculatorTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Map<String, Object> BTE_P = Map.of("datasheet_hfa_ospl90_db", 122.0, "datasheet_battery_current_ma", 1.2);

    long nextId = 1;

    Reading reading(int second, String name, double value, String unit) {
        return new Reading(nextId++, T0.plusSeconds(second), name, value, unit);
    }

    static TestPlan.MeasurementLimit limit(String name, String unit, String aggregate, Double lower, Double upper,
                                           String relativeTo, String mode, Double marginal, boolean required) {
        return new TestPlan.MeasurementLimit(name, unit, aggregate, lower, upper, relativeTo, mode, marginal,
                "IEC 60118-7", "clause", required, false);
    }

    static TestPlan plan(List<TestPlan.MeasurementLimit> measurements, List<TestPlan.ChecklistItem> checklist,
                         TestPlan.LongRun run) {
        return new TestPlan(7, "P", 3, "plan", List.of("rig"), measurements, checklist, run, "source", T0, "q");
    }

    static VerdictCalculator.Result compute(TestPlan plan, Map<String, Object> specs, List<Reading> readings) {
        return VerdictCalculator.compute(new VerdictCalculator.Input(plan, specs, readings, List.of(), Map.of(), 0, List.of()));
    }

    final TestPlan hfa = plan(List.of(limit("hfa_ospl90", "dB SPL", "last", -4.0, 4.0,
            "datasheet_hfa_ospl90_db", "offset", 1.0, true)), List.of(), null);

    @Test
    void limits_relative_to_the_datasheet_give_pass_marginal_and_fail() {
        assertThat(compute(hfa, BTE_P, List.of(reading(1, "hfa_ospl90", 122.0, "dB SPL"))).outcome()).isEqualTo("pass");
        assertThat(compute(hfa, BTE_P, List.of(reading(1, "hfa_ospl90", 125.5, "dB SPL"))).outcome()).isEqualTo("marginal");
        assertThat(compute(hfa, BTE_P, List.of(reading(1, "hfa_ospl90", 118.5, "dB SPL"))).outcome()).isEqualTo("marginal");
        VerdictCalculator.Result fail = compute(hfa, BTE_P, List.of(reading(1, "hfa_ospl90", 126.5, "dB SPL")));
        assertThat(fail.outcome()).isEqualTo("fail");
        assertThat(fail.measurements().get(0)).satisfies(m -> {
            assertThat(m.lower()).isEqualTo(118.0);
            assertThat(m.upper()).isEqualTo(126.0);
            assertThat(m.datasheetValue()).isEqualTo(122.0);
            assertThat(m.readingIds()).hasSize(1);
        });
    }

    @Test
    void percent_limits_scale_the_datasheet_value() {
        TestPlan battery = plan(List.of(limit("battery_current", "mA", "last", null, 20.0,
                "datasheet_battery_current_ma", "percent", null, true)), List.of(), null);
        assertThat(compute(battery, BTE_P, List.of(reading(1, "battery_current", 1.43, "mA"))).outcome()).isEqualTo("pass");
        assertThat(compute(battery, BTE_P, List.of(reading(1, "battery_current", 1.45, "mA"))).outcome()).isEqualTo("fail");
    }

    @Test
    void the_aggregate_decides_which_readings_count() {
        TestPlan tilt = plan(List.of(limit("tip_rearward", "deg", "min", 10.0, null, null, null, null, true)),
                List.of(), null);
        List<Reading> readings = List.of(reading(1, "tip_rearward", 14, "deg"),
                reading(2, "tip_rearward", 9.5, "deg"), reading(3, "tip_rearward", 13, "deg"));
        VerdictCalculator.Result r = compute(tilt, Map.of(), readings);
        assertThat(r.outcome()).isEqualTo("fail");
        assertThat(r.measurements().get(0).value()).isEqualTo(9.5);

        TestPlan speed = plan(List.of(limit("speed", "m/s", "mean", 0.95, 1.05, null, null, null, true)), List.of(), null);
        assertThat(compute(speed, Map.of(), List.of(reading(1, "speed", 0.9, "m/s"),
                reading(2, "speed", 1.08, "m/s"))).measurements().get(0).value()).isCloseTo(0.99, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_missing_required_value_is_incomplete_unless_something_already_failed() {
        TestPlan two = plan(List.of(
                limit("a", "mm", "last", 0.0, 10.0, null, null, null, true),
                limit("b", "mm", "last", 0.0, 10.0, null, null, null, true)), List.of(), null);
        VerdictCalculator.Result incomplete = compute(two, Map.of(), List.of(reading(1, "a", 5, "mm")));
        assertThat(incomplete.outcome()).isEqualTo("incomplete");
        assertThat(incomplete.missing()).containsExactly("b");
        assertThat(compute(two, Map.of(), List.of(reading(1, "a", 50, "mm"))).outcome()).isEqualTo("fail");
    }

    @Test
    void readings_in_a_wrong_unit_or_taken_while_paused_are_ignored_and_listed() {
        TestPlan p = plan(List.of(limit("a", "mm", "max", 0.0, 10.0, null, null, null, true)), List.of(), null);
        List<Reading> readings = List.of(reading(1, "a", 5, "mm"), reading(2, "a", 50, "cm"), reading(30, "a", 99, "mm"));
        VerdictCalculator.Result r = VerdictCalculator.compute(new VerdictCalculator.Input(p, Map.of(), readings,
                List.of(new VerdictCalculator.Interval(T0.plusSeconds(20), T0.plusSeconds(40))), Map.of(), 0, List.of()));
        assertThat(r.outcome()).isEqualTo("pass");
        assertThat(r.measurements().get(0).ignoredReadingIds()).containsExactly(2L, 3L);
    }

    @Test
    void a_failed_required_checklist_item_fails_and_an_optional_measurement_only_marks_marginal() {
        TestPlan p = plan(List.of(limit("opt", "mm", "last", 0.0, 1.0, null, null, null, false)),
                List.of(new TestPlan.ChecklistItem("no_crack", "No visible crack", "بدون ترک", true)), null);
        List<Reading> readings = List.of(reading(1, "opt", 5, "mm"));
        VerdictCalculator.Result ok = VerdictCalculator.compute(new VerdictCalculator.Input(p, Map.of(), readings,
                List.of(), Map.of("no_crack", true), 0, List.of()));
        assertThat(ok.outcome()).isEqualTo("marginal");
        VerdictCalculator.Result cracked = VerdictCalculator.compute(new VerdictCalculator.Input(p, Map.of(), readings,
                List.of(), Map.of("no_crack", false), 0, List.of()));
        assertThat(cracked.outcome()).isEqualTo("fail");
        assertThat(cracked.failures()).containsExactly("checklist:no_crack");
    }

    final TestPlan drum = plan(List.of(), List.of(), new TestPlan.LongRun("cycles", 200_000, List.of(0.25, 0.5, 0.75), 0.05, 2));

    @Test
    void a_long_run_counts_cycles_across_rig_restarts_and_shows_progress() {
        List<Reading> readings = new ArrayList<>();
        for (int c = 0; c <= 60_000; c += 10_000) {
            readings.add(reading(c / 1000, "cycles", c, "count"));
        }
        for (int c = 0; c <= 40_000; c += 10_000) {
            readings.add(reading(100 + c / 1000, "cycles", c, "count"));
        }
        VerdictCalculator.Result running = compute(drum, Map.of(), readings);
        assertThat(running.outcome()).isEqualTo("incomplete");
        assertThat(running.longRun().cyclesDone()).isEqualTo(100_000);
        assertThat(running.longRun().progress()).isEqualTo(0.5);
        assertThat(running.longRun().checkpointsPlanned()).containsExactly(50_000L, 100_000L, 150_000L);

        readings.add(reading(500, "cycles", 140_000, "count"));
        assertThat(compute(drum, Map.of(), readings).outcome()).isEqualTo("pass");
    }

    @Test
    void a_long_run_fails_when_replacements_exceed_the_limit() {
        List<Reading> done = List.of(reading(1, "cycles", 200_000, "count"));
        VerdictCalculator.Input twice = new VerdictCalculator.Input(drum, Map.of(), done, List.of(), Map.of(), 2, List.of(50_000L));
        assertThat(VerdictCalculator.compute(twice).outcome()).isEqualTo("pass");
        VerdictCalculator.Input thrice = new VerdictCalculator.Input(drum, Map.of(), List.of(reading(1, "cycles", 90_000, "count")),
                List.of(), Map.of(), 3, List.of());
        VerdictCalculator.Result r = VerdictCalculator.compute(thrice);
        assertThat(r.outcome()).isEqualTo("fail");
        assertThat(r.longRun().outcome()).isEqualTo("fail");
        assertThat(r.failures()).containsExactly("long_run:replacements");
    }

    @Test
    void a_relative_limit_without_the_datasheet_value_fails_with_the_reason() {
        VerdictCalculator.Result r = compute(hfa, Map.of(), List.of(reading(1, "hfa_ospl90", 122, "dB SPL")));
        assertThat(r.outcome()).isEqualTo("fail");
        assertThat(r.measurements().get(0).note()).contains("datasheet_hfa_ospl90_db");
    }
}
