package org.tavan.simulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A simulation file in {@code simulators/}: realistic values and rates for the rigs of one profile.
 * Kept apart from the profile because the profile describes what the firmware says, this file
 * what a healthy (or failing) rig of that kind typically measures.
 */
record SimulationSpec(int format, String profile, String description, double rate, Map<String, ValueModel> values,
                      Events events) {

    /**
     * How one measurement behaves. A counter has {@code step} (per frame, from {@code start}); other values
     * are {@code nominal} plus uniform {@code noise}, plus {@code drift} per frame in the drift scenario,
     * and {@code fail} from half-way in the fail scenario; all rounded to {@code resolution}.
     * Arrays: {@code shape} with {@code hotspots} (a pressure map), or {@code keys} with a nominal per key.
     */
    record ValueModel(Double nominal, Double noise, Double resolution, Double fail, Double drift, Double step,
                      Double start, List<Integer> shape, List<Hotspot> hotspots, Double failPeak,
                      Map<String, Double> keys) {
    }

    record Hotspot(int row, int col, double peak, double radius) {
    }

    /** Raw event codes: on the first frame, on ordinary frames, at 25/50/75 %, on the last frame, and a fault. */
    record Events(String start, String idle, String checkpoint, String finish, String fault) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static SimulationSpec read(Path file) {
        try {
            SimulationSpec spec = MAPPER.readValue(Files.readAllBytes(file), SimulationSpec.class);
            if (spec.format() != 1) {
                throw new IllegalArgumentException(file + ": format must be 1");
            }
            if (spec.rate() <= 0 || spec.values() == null) {
                throw new IllegalArgumentException(file + ": rate must be positive and values present");
            }
            return spec;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read simulation file " + file + ": " + e.getMessage(), e);
        }
    }
}
