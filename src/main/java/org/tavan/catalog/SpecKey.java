package org.tavan.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tavan.errors.InvalidInput;

/**
 * The specifications a variant may carry. Allocation's fit rules compare assessment
 * measurements with these, and hearing-aid test limits are relative to the datasheet values,
 * so each key has one type and one unit, fixed here.
 */
public enum SpecKey {
    SEAT_WIDTH_MM("seat_width_mm", "mm", null),
    SEAT_DEPTH_MM("seat_depth_mm", "mm", null),
    SEAT_HEIGHT_MM("seat_height_mm", "mm", null),
    MAX_USER_MASS_KG("max_user_mass_kg", "kg", null),
    USER_HEIGHT_MIN_CM("user_height_min_cm", "cm", null),
    USER_HEIGHT_MAX_CM("user_height_max_cm", "cm", null),
    HANDLE_HEIGHT_MIN_MM("handle_height_min_mm", "mm", null),
    HANDLE_HEIGHT_MAX_MM("handle_height_max_mm", "mm", null),
    LOAD_LEVEL("load_level", null, List.of("P3", "P4", "P5", "P6")),
    AMPUTATION_LEVEL("amputation_level", null, List.of("transtibial", "transfemoral")),
    FITTING_RANGE_MIN_DB_HL("fitting_range_min_db_hl", "dB HL", null),
    FITTING_RANGE_MAX_DB_HL("fitting_range_max_db_hl", "dB HL", null),
    DATASHEET_OSPL90_MAX_DB("datasheet_ospl90_max_db", "dB SPL", null),
    DATASHEET_HFA_OSPL90_DB("datasheet_hfa_ospl90_db", "dB SPL", null),
    DATASHEET_HFA_FULL_ON_GAIN_DB("datasheet_hfa_full_on_gain_db", "dB", null),
    DATASHEET_THD_PERCENT("datasheet_thd_percent", "%", null),
    DATASHEET_EIN_DB("datasheet_ein_db", "dB SPL", null),
    DATASHEET_BATTERY_CURRENT_MA("datasheet_battery_current_ma", "mA", null),
    CUSHION_WIDTH_MM("cushion_width_mm", "mm", null),
    CUSHION_DEPTH_MM("cushion_depth_mm", "mm", null);

    private final String key;
    private final String unit;
    private final List<String> allowed;

    SpecKey(String key, String unit, List<String> allowed) {
        this.key = key;
        this.unit = unit;
        this.allowed = allowed;
    }

    public String key() {
        return key;
    }

    /** Null for text specifications. */
    public String unit() {
        return unit;
    }

    /** Whether a name is a catalogue specification (allocation's fit rules may only name these). */
    public static boolean isKnown(String key) {
        for (SpecKey k : values()) {
            if (k.key.equals(key)) {
                return true;
            }
        }
        return false;
    }

    static SpecKey of(String key) {
        for (SpecKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new InvalidInput("specs." + key, "Unknown specification '" + key + "'; known: " + known());
    }

    /** Checks every entry's name and type; numbers become doubles, so stored JSON is uniform. */
    static Map<String, Object> validate(Map<String, Object> specs) {
        Map<String, Object> clean = new TreeMap<>();
        if (specs == null) {
            return clean;
        }
        specs.forEach((name, value) -> {
            SpecKey k = of(name);
            if (k.allowed == null) {
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    throw new InvalidInput("specs." + name, name + " must be a number in " + k.unit);
                }
                clean.put(name, number.doubleValue());
            } else {
                if (!(value instanceof String text) || !k.allowed.contains(text)) {
                    throw new InvalidInput("specs." + name, name + " must be one of " + k.allowed);
                }
                clean.put(name, text);
            }
        });
        return clean;
    }

    static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SpecKey k : values()) {
            out.put(k.key, k.allowed == null ? "number (" + k.unit + ")" : "one of " + k.allowed);
        }
        return out;
    }

    private static String known() {
        return String.join(", ", describe().keySet());
    }
}
