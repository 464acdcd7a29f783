package org.tavan.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.tavan.errors.InvalidInput;

/** What a test plan definition must satisfy before it is saved; the checks name the offending field. */
final class PlanRules {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");
    private static final Set<String> AGGREGATES = Set.of("max", "min", "mean", "last");

    private PlanRules() {
    }

    static TestPlan.Definition validate(TestPlan.Definition d) {
        if (d == null) {
            throw new InvalidInput("body", "Send the plan definition");
        }
        String name = text("name", d.name());
        List<String> rigKinds = d.rigKinds() == null ? List.of() : List.copyOf(d.rigKinds());
        for (String kind : rigKinds) {
            if (kind == null || !CODE.matcher(kind).matches()) {
                throw new InvalidInput("rigKinds", "Rig kinds are profile ids: letters, digits, '.', '_' or '-'");
            }
        }
        List<TestPlan.MeasurementLimit> measurements = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TestPlan.MeasurementLimit m : d.measurements() == null ? List.<TestPlan.MeasurementLimit>of() : d.measurements()) {
            String field = "measurements." + m.name();
            if (m.name() == null || !NAME.matcher(m.name()).matches()) {
                throw new InvalidInput("measurements.name", "Measurement names are lower-case words with '_', got '" + m.name() + "'");
            }
            if (!names.add(m.name())) {
                throw new InvalidInput(field, "Measurement " + m.name() + " appears twice");
            }
            text(field + ".unit", m.unit());
            String aggregate = m.aggregate() == null ? "last" : m.aggregate();
            if (!AGGREGATES.contains(aggregate)) {
                throw new InvalidInput(field + ".aggregate", "aggregate must be max, min, mean or last");
            }
            if (m.lower() == null && m.upper() == null) {
                throw new InvalidInput(field, "A measurement needs a lower limit, an upper limit or both");
            }
            if (m.lower() != null && m.upper() != null && m.lower() > m.upper()) {
                throw new InvalidInput(field, "Lower limit " + m.lower() + " is above upper limit " + m.upper());
            }
            String mode = null;
            if (m.relativeTo() != null) {
                SpecKey key = SpecKey.of(m.relativeTo());
                if (key.unit() == null) {
                    throw new InvalidInput(field + ".relativeTo", m.relativeTo() + " is not a numeric datasheet value");
                }
                mode = m.relativeMode() == null ? "offset" : m.relativeMode();
                if (!mode.equals("offset") && !mode.equals("percent")) {
                    throw new InvalidInput(field + ".relativeMode", "relativeMode must be offset or percent");
                }
            } else if (m.relativeMode() != null) {
                throw new InvalidInput(field + ".relativeMode", "relativeMode needs relativeTo");
            }
            if (m.marginal() != null && m.marginal() < 0) {
                throw new InvalidInput(field + ".marginal", "The marginal band cannot be negative");
            }
            String standard = text(field + ".standard", m.standard());
            measurements.add(new TestPlan.MeasurementLimit(m.name(), m.unit(), aggregate, m.lower(), m.upper(),
                    m.relativeTo(), mode, m.marginal(), standard, m.clause(), !Boolean.FALSE.equals(m.required()),
                    Boolean.TRUE.equals(m.unverified())));
        }
        List<TestPlan.ChecklistItem> checklist = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (TestPlan.ChecklistItem c : d.checklist() == null ? List.<TestPlan.ChecklistItem>of() : d.checklist()) {
            if (c.key() == null || !NAME.matcher(c.key()).matches() || !keys.add(c.key())) {
                throw new InvalidInput("checklist.key", "Checklist keys are unique lower-case words with '_', got '" + c.key() + "'");
            }
            checklist.add(new TestPlan.ChecklistItem(c.key(), text("checklist." + c.key() + ".text", c.text()),
                    c.textFa(), !Boolean.FALSE.equals(c.required())));
        }
        TestPlan.LongRun run = d.longRun();
        if (run != null) {
            if (run.counter() == null || !NAME.matcher(run.counter()).matches()) {
                throw new InvalidInput("longRun.counter", "Name the measurement that carries the cycle count");
            }
            if (run.cycleTarget() <= 0) {
                throw new InvalidInput("longRun.cycleTarget", "The cycle target must be positive");
            }
            List<Double> points = run.checkpoints() == null ? List.of() : List.copyOf(run.checkpoints());
            for (Double p : points) {
                if (p == null || p <= 0 || p >= 1) {
                    throw new InvalidInput("longRun.checkpoints", "Checkpoints are fractions of the target between 0 and 1");
                }
            }
            if (run.checkpointTolerance() < 0 || run.checkpointTolerance() >= 0.5) {
                throw new InvalidInput("longRun.checkpointTolerance", "Tolerance is a fraction from 0 to 0.5");
            }
            if (run.maxReplacements() < 0) {
                throw new InvalidInput("longRun.maxReplacements", "maxReplacements cannot be negative");
            }
            run = new TestPlan.LongRun(run.counter(), run.cycleTarget(), points, run.checkpointTolerance(), run.maxReplacements());
        }
        if (measurements.isEmpty() && checklist.isEmpty() && run == null) {
            throw new InvalidInput("measurements", "A plan needs at least one measurement, checklist item or long run");
        }
        String source = text("source", d.source());
        return new TestPlan.Definition(name, rigKinds, measurements, checklist, run, source);
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 500) {
            throw new InvalidInput(field, field + " is required (at most 500 characters)");
        }
        return value.strip();
    }
}
