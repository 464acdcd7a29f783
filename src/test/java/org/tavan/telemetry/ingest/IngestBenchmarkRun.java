package org.tavan.telemetry.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link IngestBenchmark} under {@code mvn -Pbench test}. The default run does not include
 * this class, and a -Dtest selection that does skips it unless tavan.bench=true (set by -Pbench).
 */
@EnabledIfSystemProperty(named = "tavan.bench", matches = "true")
class IngestBenchmarkRun {

    @Test
    void ingest_benchmark_prints_its_figures() throws Exception {
        IngestBenchmark.run();
    }
}
