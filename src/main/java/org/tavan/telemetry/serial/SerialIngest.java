package org.tavan.telemetry.serial;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fazecast.jSerialComm.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.config.TavanConfig;
import org.tavan.rigs.RigId;
import org.tavan.rigs.RigLinks;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.IngestWriter;
import org.tavan.telemetry.ingest.RigDirectory;

/**
 * Serial rigs attached to this machine ({@code serial.ports}): one reader thread per rig,
 * blocking reads only (never mixed with jSerialComm's event listeners). A port that
 * disappears is closed, the rig shows offline, and the port is opened again when it is back.
 * A serial line has no acknowledgement: a frame counts once it is committed.
 */
public final class SerialIngest implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SerialIngest.class);
    private static final long RETRY_MILLIS = 500;

    private final List<TavanConfig.SerialPort> ports;
    private final IngestProfiles profiles;
    private final RigDirectory directory;
    private final RigLinks links;
    private final IngestWriter writer;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public SerialIngest(List<TavanConfig.SerialPort> ports, IngestProfiles profiles, RigDirectory directory,
                        RigLinks links, IngestWriter writer, Clock clock) {
        this.ports = ports;
        this.profiles = profiles;
        this.directory = directory;
        this.links = links;
        this.writer = writer;
        this.clock = clock;
    }

    public void start() {
        for (TavanConfig.SerialPort port : ports) {
            Thread t = new Thread(() -> readForever(port), "tavan-serial-" + port.rigId());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void readForever(TavanConfig.SerialPort config) {
        RigId rig = RigId.of(config.rigId());
        links.closed(rig);
        String lastProblem = null;
        while (running) {
            String problem;
            try {
                problem = readWhileOpen(rig, config.port());
            } catch (RuntimeException e) {
                problem = "reader failed: " + e;
            }
            links.closed(rig);
            if (problem != null && !problem.equals(lastProblem)) {
                log.warn("Serial rig {} on {}: {} (retrying every {} ms)", rig, config.port(), problem, RETRY_MILLIS);
            }
            lastProblem = problem;
            sleep(RETRY_MILLIS);
        }
    }

    /** Returns why reading stopped (null when Tavan stops). */
    private String readWhileOpen(RigId rig, String portPattern) {
        Optional<IngestProfile> profile;
        try {
            profile = directory.profileOf(rig.value()).flatMap(profiles::byId);
        } catch (RuntimeException e) {
            return "cannot read the rig registry: " + e.getMessage();
        }
        if (profile.isEmpty() || profile.get().serial().isEmpty()) {
            return "rig is not registered as active with a loaded serial profile";
        }
        IngestProfile.SerialLine line = profile.get().serial().get();
        Optional<Path> path = resolve(portPattern);
        if (path.isEmpty()) {
            return "port not present";
        }
        Path real;
        try {
            real = path.get().toRealPath();
        } catch (IOException e) {
            return "port not present";
        }
        SerialPort port = SerialPort.getCommPort(real.toString());
        port.setComPortParameters(line.baud(), line.dataBits(), stopBits(line.stopBits()), parity(line.parity()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 250, 0);
        if (!port.openPort()) {
            return "cannot open " + real + " (error " + port.getLastErrorCode() + ")";
        }
        links.opened(rig);
        log.info("Serial rig {} reading {} ({}) at {} baud", rig, path.get(), real, line.baud());
        IngestProfile p = profile.get();
        LineFramer framer = new LineFramer(line.terminator(), line.maxFrameBytes(), new LineFramer.Sink() {
            @Override
            public void frame(byte[] frame) {
                submit(rig, p, frame);
            }

            @Override
            public void tooLong(int bytesDropped) {
                reject(rig, "too_long", "Line of " + bytesDropped + " bytes exceeds the profile's limit of "
                        + line.maxFrameBytes());
            }
        });
        byte[] buffer = new byte[4096];
        try {
            while (running) {
                int n = port.readBytes(buffer, buffer.length);
                if (n < 0) {
                    return "port closed (read error " + port.getLastErrorCode() + ")";
                }
                if (n > 0) {
                    framer.accept(buffer, n);
                } else if (!stillThere(path.get(), real)) {
                    // A pseudo-terminal whose other end is gone can read as "no data" forever.
                    return "port disappeared";
                }
            }
            return null;
        } finally {
            port.closePort();
        }
    }

    private void submit(RigId rig, IngestProfile profile, byte[] frame) {
        java.time.Instant now = clock.instant();
        try {
            DecodedFrame decoded = profile.decoder().decode(frame);
            writer.submit(IngestWriter.Frame.accepted(rig.value(), now, frame, decoded, () -> {
            }));
        } catch (FrameRejected e) {
            reject(rig, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            reject(rig, "decoder_error", e.toString());
        }
    }

    private void reject(RigId rig, String reason, String message) {
        writer.countRejection(rig.value(), "serial", reason, message);
        writer.submit(IngestWriter.Frame.rejected(rig.value(), clock.instant(), reason, message, () -> {
        }));
    }

    private static boolean stillThere(Path path, Path real) {
        try {
            return Files.exists(real) && path.toRealPath().equals(real);
        } catch (IOException e) {
            return false;
        }
    }

    /** A path, or a glob in the file name part (e.g. /dev/serial/by-id/*A1B2*); the first match in name order. */
    static Optional<Path> resolve(String pattern) {
        Path p = Path.of(pattern);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> matcher.matches(f.getFileName())).filter(Files::exists).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static int parity(String parity) {
        return switch (parity == null ? "none" : parity.toLowerCase()) {
            case "odd", "o" -> SerialPort.ODD_PARITY;
            case "even", "e" -> SerialPort.EVEN_PARITY;
            case "mark", "m" -> SerialPort.MARK_PARITY;
            case "space", "s" -> SerialPort.SPACE_PARITY;
            default -> SerialPort.NO_PARITY;
        };
    }

    static int stopBits(int stopBits) {
        return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
