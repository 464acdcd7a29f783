package org.tavan.telemetry.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Tavan in its own JVM ({@link TestServiceMain}), so a test can SIGKILL it. */
public final class ServiceProcess implements AutoCloseable {

    private final Path config;
    private final Path log;
    private final List<String> rigs;
    private Process process;
    private int httpPort;

    public ServiceProcess(Path dir, String name, Map<String, String> settings, List<String> rigs) {
        this.config = dir.resolve(name + ".properties");
        this.log = dir.resolve(name + ".log");
        this.rigs = rigs;
        Properties p = new Properties();
        p.putAll(settings);
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceProcess start() {
        long linesBefore = readyLines();
        launch();
        Eventually.until(Duration.ofSeconds(40), () -> readyLines() > linesBefore || !process.isAlive(),
                () -> "Tavan process did not start; log " + log);
        if (!process.isAlive()) {
            throw new AssertionError("Tavan process ended at start; log " + log + ":\n" + tail());
        }
        return this;
    }

    /** Starts the process without waiting for it to be ready (to kill it while it is still catching up). */
    public ServiceProcess launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-cp", System.getProperty("java.class.path"), TestServiceMain.class.getName(),
                config.toString()));
        command.addAll(rigs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private long readyLines() {
        try {
            if (!Files.exists(log)) {
                return 0;
            }
            List<String> ready = Files.readAllLines(log).stream().filter(l -> l.startsWith("READY ")).toList();
            if (!ready.isEmpty()) {
                httpPort = Integer.parseInt(ready.get(ready.size() - 1).substring(6).trim());
            }
            return ready.size();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The MQTT password of each rig this process registered (printed once, at the first start). */
    public Map<String, String> rigPasswords() {
        try {
            Map<String, String> out = new HashMap<>();
            for (String l : Files.readAllLines(log)) {
                if (l.startsWith("RIG ")) {
                    String[] parts = l.split(" ");
                    out.put(parts[1], parts[2]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of the latest start (a relaunched process listens on a new one). */
    public int httpPort() {
        readyLines();
        return httpPort;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker. */
    public void kill() {
        org.tavan.testing.ProcessEnd.killed(process);
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A graceful stop (SIGTERM: the shutdown hook closes the app), as an operator's restart does. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        org.tavan.testing.ProcessEnd.gracefully(process);
    }
}
