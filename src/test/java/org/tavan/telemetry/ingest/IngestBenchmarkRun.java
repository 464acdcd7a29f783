package org.tavan.telemetry.ingest;

import org.junit.jupiter.api.Test;

/** Runs {@link IngestBenchmark} under {@code mvn -Pbench test}; the default test run never includes it. */
class IngestBenchmarkRun {

    @Test
    void ingest_benchmark_prints_its_figures() throws Exception {
        IngestBenchmark.run();
    }
}
