package org.tavan.telemetry.profile;

/**
 * A measurement a profile produces. {@code name} is either a plain name or, for an array field,
 * a template such as {@code p_r{i:02}_c{j:02}} or {@code ospl90_{key}hz} that names each element.
 * {@code type} says what the rig sends: {@code integer} values must be whole numbers before scaling.
 */
public record MeasurementSpec(String name, String unit, Type type) {

    public enum Type {
        DECIMAL, INTEGER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isTemplate() {
        return name.contains("{");
    }

    /**
     * True when this spec produces a measurement called {@code measurement}: the same plain name, or
     * a name the template renders (e.g. {@code thd_500hz} for {@code thd_{key}hz}). Lets a test plan
     * be checked against what a profile can emit.
     */
    public boolean produces(String measurement) {
        return isTemplate() ? new NameTemplate(name).parse(measurement) != null : name.equals(measurement);
    }

    /**
     * The name of one array element: {@code indexes} fill {i}, {j}, {k} (0-based) and {@code key} fills {key}.
     * Parses the template on every call: cache the result when naming many elements repeatedly.
     */
    public String expand(java.util.List<Integer> indexes, String key) {
        return new NameTemplate(name).render(indexes, key);
    }
}
