package org.tavan.allocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fit rule of a device class. Kinds:
 * <ul>
 *   <li>{@code margin}: spec − measurement within [min, max] (seat width 20..50 mm wider than the hips)</li>
 *   <li>{@code atMost}: measurement ≤ spec (body mass ≤ maximum user mass of the load level)</li>
 *   <li>{@code within}: specMin ≤ measurement ≤ specMax (hearing threshold inside the fitting range)</li>
 *   <li>{@code oneOf}: measurement is one of the comma-separated values of spec (amputation level)</li>
 * </ul>
 * A missing or non-numeric measurement or spec fails the rule.
 */
public record FitRule(String id, String kind, String measurement, String spec, String specMin, String specMax,
                      Double min, Double max, String description) {

    List<String> problems(String deviceClass) {
        List<String> p = new ArrayList<>();
        String where = "fitRules." + deviceClass + "." + id;
        if (id == null || measurement == null) {
            p.add(where + " needs id and measurement");
        }
        switch (kind == null ? "" : kind) {
            case "margin" -> {
                if (spec == null || min == null || max == null || min > max) {
                    p.add(where + " (margin) needs spec and min ≤ max");
                }
            }
            case "atMost", "oneOf" -> {
                if (spec == null) {
                    p.add(where + " (" + kind + ") needs spec");
                }
            }
            case "within" -> {
                if (specMin == null || specMax == null) {
                    p.add(where + " (within) needs specMin and specMax");
                }
            }
            default -> p.add(where + " has unknown kind '" + kind + "'; use margin, atMost, within or oneOf");
        }
        return p;
    }

    boolean passes(Map<String, String> measurements, Map<String, String> specs) {
        return passes(measurementValue(measurements), specValues(specs));
    }

    /** The person's side of the rule, parsed once. */
    Object measurementValue(Map<String, String> measurements) {
        String raw = measurements.get(measurement);
        if (raw == null) {
            return null;
        }
        return kind.equals("oneOf") ? raw.trim() : number(raw);
    }

    /** The variant's side of the rule, parsed once. */
    Object specValues(Map<String, String> specs) {
        return switch (kind) {
            case "within" -> {
                Double lo = number(specs.get(specMin));
                Double hi = number(specs.get(specMax));
                yield lo == null || hi == null ? null : new double[] {lo, hi};
            }
            case "oneOf" -> {
                String raw = specs.get(spec);
                yield raw == null ? null : Arrays.stream(raw.split(",")).map(String::trim).toList();
            }
            default -> number(specs.get(spec));
        };
    }

    boolean passes(Object m, Object s) {
        if (m == null || s == null) {
            return false;
        }
        return switch (kind) {
            case "margin" -> {
                double d = (Double) s - (Double) m;
                yield d >= min && d <= max;
            }
            case "atMost" -> (Double) m <= (Double) s;
            case "within" -> {
                double[] range = (double[]) s;
                double v = (Double) m;
                yield v >= range[0] && v <= range[1];
            }
            case "oneOf" -> ((List<?>) s).contains(m);
            default -> false;
        };
    }

    /**
     * One rule as checked for one person and one variant, as data, so that the officer's screen
     * can say it in their language: the person's value ({@code measured}), the variant's value or
     * range, the rule's bounds and its published (English) description. Values are kept as the
     * strings that were compared. Fields a kind does not use are left out of the JSON.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String rule, String kind, String measurement, String measured, String spec, String specValue,
                        String specMin, String specMinValue, String specMax, String specMaxValue, Double min, Double max,
                        String description) {
    }

    /** The structured form of {@link #explain}: what the reasons store under {@code fitRules}. */
    Check check(Map<String, String> measurements, Map<String, String> specs) {
        boolean range = kind.equals("within");
        return new Check(id, kind, measurement, measurements.get(measurement),
                range ? null : spec, range ? null : specs.get(spec),
                range ? specMin : null, range ? specs.get(specMin) : null,
                range ? specMax : null, range ? specs.get(specMax) : null,
                kind.equals("margin") ? min : null, kind.equals("margin") ? max : null, description);
    }

    /** What an officer reads: the rule with the two values it compared. */
    String explain(Map<String, String> measurements, Map<String, String> specs) {
        return switch (kind) {
            case "margin" -> id + ": " + spec + " " + specs.get(spec) + " − " + measurement + " "
                    + measurements.get(measurement) + " within [" + fmt(min) + ", " + fmt(max) + "]";
            case "atMost" -> id + ": " + measurement + " " + measurements.get(measurement) + " ≤ " + spec + " "
                    + specs.get(spec);
            case "within" -> id + ": " + measurement + " " + measurements.get(measurement) + " within ["
                    + specs.get(specMin) + ", " + specs.get(specMax) + "]";
            default -> id + ": " + measurement + " " + measurements.get(measurement) + " one of " + specs.get(spec);
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Double number(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(raw.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
