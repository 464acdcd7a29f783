package org.tavan.telemetry.serial;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fazecast.jSerialComm.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.profile.SerialTransport;

/**
 * Reads frames from one serial port on its own thread, for ever: opens the port (a path or a
 * glob), reads with blocking reads only (never mixed with jSerialComm's event listeners), cuts
 * lines (or binary frames, as the profile's framing says), writes a polled rig's requests on
 * schedule between reads, and when the port goes away closes it and opens it again once it is back.
 */
final class SerialLineReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SerialLineReader.class);
    private static final long RETRY_MILLIS = 500;

    interface Listener {
        void opened();

        void closed();

        void frame(byte[] frame);

        void tooLong(int bytesDropped, int limit);
    }

    private final String name;
    private final String portPattern;
    private final Supplier<Either> settings;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;

    /** The port's line settings, or why there are none yet (the reader retries). */
    record Either(Optional<IngestProfile.SerialLine> line, String problem) {
        static Either of(IngestProfile.SerialLine line) {
            return new Either(Optional.of(line), null);
        }

        static Either problem(String why) {
            return new Either(Optional.empty(), why);
        }
    }

    SerialLineReader(String name, String portPattern, Supplier<Either> settings, Listener listener) {
        this.name = name;
        this.portPattern = portPattern;
        this.settings = settings;
        this.listener = listener;
        this.thread = new Thread(this::readForever, "tavan-serial-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void readForever() {
        listener.closed();
        String lastProblem = null;
        while (running) {
            String problem;
            try {
                problem = readWhileOpen();
            } catch (RuntimeException e) {
                problem = "reader failed: " + e;
            }
            listener.closed();
            if (problem != null && !problem.equals(lastProblem)) {
                log.warn("Serial rig {} on {}: {} (retrying every {} ms)", name, portPattern, problem, RETRY_MILLIS);
            }
            lastProblem = problem;
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Returns why reading stopped (null when closing). */
    private String readWhileOpen() {
        Either either = settings.get();
        if (either.line().isEmpty()) {
            return either.problem();
        }
        IngestProfile.SerialLine line = either.line().get();
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
        LineFramer.Sink sink = new LineFramer.Sink() {
            @Override
            public void frame(byte[] frame) {
                listener.frame(frame);
            }

            @Override
            public void tooLong(int bytesDropped) {
                listener.tooLong(bytesDropped, line.maxFrameBytes());
            }
        };
        BinaryFramer binary = line.framing().map(f -> new BinaryFramer(f, line.maxFrameBytes(), sink)).orElse(null);
        LineFramer framer = binary == null ? new LineFramer(line.terminator(), line.maxFrameBytes(), sink) : null;
        int timeout = binary == null ? 250 : binary.readTimeoutMillis();
        Poller poller = line.poll().map(Poller::new).orElse(null);
        if (poller != null) {
            timeout = Math.min(timeout, Math.max(1, line.poll().get().intervalMillis() / 4));
        }
        SerialPort port = SerialPort.getCommPort(real.toString());
        port.setComPortParameters(line.baud(), line.dataBits(), stopBits(line.stopBits()), parity(line.parity()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, timeout, 1_000);
        if (!port.openPort()) {
            return "cannot open " + real + " (error " + port.getLastErrorCode() + ")";
        }
        listener.opened();
        log.info("Serial rig {} reading {} ({}) at {} baud", name, path.get(), real, line.baud());
        byte[] buffer = new byte[4096];
        try {
            while (running) {
                if (poller != null && !poller.sendIfDue(port, System.nanoTime())) {
                    return "port closed (write error " + port.getLastErrorCode() + ")";
                }
                int n = port.readBytes(buffer, buffer.length);
                if (n < 0) {
                    return "port closed (read error " + port.getLastErrorCode() + ")";
                }
                if (n > 0) {
                    if (binary != null) {
                        binary.accept(buffer, n, System.nanoTime());
                    } else {
                        framer.accept(buffer, n);
                    }
                } else {
                    if (binary != null) {
                        binary.idle(System.nanoTime());
                    }
                    if (!stillThere(path.get(), real)) {
                        // A pseudo-terminal whose other end is gone can read as "no data" for ever.
                        return "port disappeared";
                    }
                }
            }
            return null;
        } finally {
            port.closePort();
        }
    }

    /** A Modbus master's side: the profile's requests in turn, one per interval. */
    private static final class Poller {
        private final List<byte[]> requests;
        private final long intervalNanos;
        private long due = System.nanoTime();
        private int next;

        Poller(SerialTransport.Poll poll) {
            this.requests = poll.requests();
            this.intervalNanos = poll.intervalMillis() * 1_000_000L;
        }

        /** False when the port refused the write. */
        boolean sendIfDue(SerialPort port, long now) {
            if (now - due < 0) {
                return true;
            }
            byte[] request = requests.get(next);
            next = (next + 1) % requests.size();
            due = now + intervalNanos;
            return port.writeBytes(request, request.length) == request.length;
        }
    }

    private static boolean stillThere(Path path, Path real) {
        try {
            return Files.exists(real) && path.toRealPath().equals(real);
        } catch (IOException e) {
            return false;
        }
    }

    /** A path, or a glob in the file name part (e.g. /dev/serial/by-id/*A1B2*): the first match in name order. */
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

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
