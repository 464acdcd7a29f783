package org.tavan.production;

import java.util.List;
import java.util.Map;

/**
 * The reasons a floor worker taps when a step fails, by station (translated as
 * floor.reason.&lt;code&gt;), so a failure is one tap and failure reports count the same words.
 * A station without its own list gets the common ones; free text can always be added.
 */
public final class FailureReasons {

    private static final List<String> COMMON = List.of("part_missing", "part_damaged", "out_of_tolerance");

    private static final Map<String, List<String>> BY_STATION = Map.of(
            "cutting", List.of("cut_length_wrong", "burr"),
            "welding", List.of("weld_crack", "weld_porous", "misaligned"),
            "painting", List.of("paint_runs", "paint_uncovered"),
            "assembly", List.of("fastener_loose", "misaligned"),
            "upholstery", List.of("seam_open", "fabric_torn"),
            "rework", List.of("not_repairable"));

    private FailureReasons() {
    }

    static List<String> at(String station) {
        List<String> own = BY_STATION.getOrDefault(station, List.of());
        return java.util.stream.Stream.concat(own.stream(), COMMON.stream()).distinct().toList();
    }

    /** Every code, for the check that each one is translated. */
    public static List<String> all() {
        return java.util.stream.Stream.concat(BY_STATION.values().stream().flatMap(List::stream), COMMON.stream())
                .distinct().sorted().toList();
    }
}
