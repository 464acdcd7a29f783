package org.tavan.telemetry.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tavan.Main;
import org.tavan.telemetry.ingest.Eventually;

/** {@code tavan gateway} in its own JVM, so a test can SIGKILL it with frames in its journal. */
final class GatewayProcess implements AutoCloseable {

    private final Path log;
    private final List<String> args;
    private Process process;

    GatewayProcess(Path log, List<String> args) {
        this.log = log;
        this.args = args;
    }

    GatewayProcess start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "gateway"));
        command.addAll(args);
        long before = bridgingLines();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Eventually.until(Duration.ofSeconds(30), () -> bridgingLines() > before || !process.isAlive(),
                () -> "gateway did not start; log " + log);
        if (!process.isAlive()) {
            throw new AssertionError("gateway ended at start; log " + log);
        }
        return this;
    }

    long pid() {
        return process.pid();
    }

    private long bridgingLines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("Bridging ")).count() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed that was not already forced to disk. */
    void kill() {
        org.tavan.testing.ProcessEnd.killed(process);
    }

    @Override
    public void close() {
        org.tavan.testing.ProcessEnd.gracefully(process);
    }
}
