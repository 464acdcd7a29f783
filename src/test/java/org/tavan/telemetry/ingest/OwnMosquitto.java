package org.tavan.telemetry.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.tavan.testing.Services;

/**
 * A Mosquitto of the test's own, on a free port with the settings docs/rig-integration.md
 * asks for (unbounded queue for a persistent session, persistence on, a wide in-flight
 * window), so tests never depend on or change the machine's broker.
 */
public final class OwnMosquitto implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private Process process;

    public OwnMosquitto(Path dir) {
        Services.requireProgram("mosquitto", BINARY, "apt-get install mosquitto");
        this.dir = dir;
        this.port = freePort();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("mosquitto.conf"), """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence true
                    persistence_location %s/
                    autosave_interval 1
                    max_queued_messages 0
                    max_queued_bytes 0
                    max_inflight_messages 1000
                    log_dest file %s/mosquitto.log
                    """.formatted(port, dir.toAbsolutePath(), dir.toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OwnMosquitto start() {
        try {
            process = new ProcessBuilder(BINARY, "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Eventually.until(Duration.ofSeconds(10), this::listening, () -> "mosquitto on port " + port + " did not start");
        return this;
    }

    /** A graceful stop (SIGTERM): Mosquitto writes its persistence file on the way out. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
