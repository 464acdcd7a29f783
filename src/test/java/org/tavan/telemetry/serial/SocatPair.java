package org.tavan.telemetry.serial;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.tavan.telemetry.ingest.Eventually;
import org.tavan.testing.Services;

/** A serial cable made of two pseudo-terminals: Tavan opens one end, the simulated rig writes the other. Shared with quality's serial verdict test. */
public final class SocatPair implements AutoCloseable {

    public static final String SOCAT = "/usr/bin/socat";

    public final Path tavanEnd;
    public final Path rigEnd;
    private Process process;

    public SocatPair(Path dir, String name) {
        Services.requireProgram("socat", SOCAT, "apt-get install -y socat");
        this.tavanEnd = dir.resolve(name + "-tavan");
        this.rigEnd = dir.resolve(name + "-rig");
    }

    /** Plugs the cable in: the same link names every time, as a USB adapter with a by-id name. */
    public SocatPair plugIn() {
        try {
            Files.deleteIfExists(tavanEnd);
            Files.deleteIfExists(rigEnd);
            process = new ProcessBuilder(SOCAT, "pty,raw,echo=0,link=" + tavanEnd, "pty,raw,echo=0,link=" + rigEnd)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Eventually.until(Duration.ofSeconds(30), () -> Files.exists(tavanEnd) && Files.exists(rigEnd),
                () -> "socat did not create " + tavanEnd);
        return this;
    }

    /**
     * Whether process {@code pid} has Tavan's end of the cable open (one of its descriptors in
     * /proc points at the pseudo-terminal): the moment a reader is attached, seen from outside.
     */
    public boolean heldOpenBy(long pid) {
        try {
            Path pts = tavanEnd.toRealPath();
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).equals(pts);
                    } catch (IOException | RuntimeException e) {
                        return false; // closed while we looked
                    }
                });
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The rig writes these frames, each ended by CR LF, on its end of the cable. */
    public void rigWrites(List<byte[]> frames) throws IOException {
        try (OutputStream out = Files.newOutputStream(rigEnd)) {
            for (byte[] frame : frames) {
                out.write(frame);
                out.write(new byte[] {'\r', '\n'});
            }
            out.flush();
        }
    }

    /** Pulls the cable: socat ends and both pseudo-terminals disappear. */
    public void unplug() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
