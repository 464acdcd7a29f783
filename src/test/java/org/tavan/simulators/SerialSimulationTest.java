package org.tavan.simulators;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fazecast.jSerialComm.SerialPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.SerialTransport;
import org.tavan.testing.Services;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated serial rigs write to one end of a socat pseudo-terminal pair; a jSerialComm reader on the other end decodes every line. */
class SerialSimulationTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"double-drum-drm, CORRUPT, 20", "prosthesis-load-prl, CORRUPT, 20", "double-drum-drm, DROPOUT, 0",
            "prosthesis-load-prl, DUPLICATE, 0", "walker-brake-wlk, CORRUPT, 20"})
    void every_line_written_to_a_pty_is_read_back_and_decoded_or_rejected(String profileId, Scenario scenario,
                                                                          int corrupt) throws Exception {
        Services.requireProgram("socat", "/usr/bin/socat", "apt-get install -y socat");
        FirmwareProfile profile = SimulatedRigTest.SHIPPED.byId(profileId).orElseThrow();
        SerialTransport line = profile.serial().orElseThrow();
        SimulatedRig rig = new SimulatedRig(profile, SimulatedRigTest.SIMULATORS.resolve(profileId + ".json"), "bench-1",
                scenario, 3, SimulatedRigTest.START);
        int expected = rig.take(140).size();

        Path rigEnd = Path.of("/tmp/tavan-sim-" + System.nanoTime() + "-rig");
        Path tavanEnd = Path.of(rigEnd + "-tavan");
        Path socatLog = Path.of(rigEnd + ".log");
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + rigEnd, "pty,raw,echo=0,link=" + tavanEnd)
                .redirectErrorStream(true).redirectOutput(socatLog.toFile()).start();
        try {
            Eventually.until(Duration.ofSeconds(30), () -> Files.exists(rigEnd) && Files.exists(tavanEnd),
                    () -> "socat did not create " + tavanEnd + "; its log " + socatLog);
            SerialPort reader = SerialPort.getCommPort(tavanEnd.toRealPath().toString());
            reader.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
            assertThat(reader.openPort()).as("open " + tavanEnd).isTrue();
            try {
                // Read while the rig writes, as Tavan does: a pty holds only a few kilobytes.
                java.util.concurrent.CompletableFuture<List<byte[]>> reading = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> readLines(reader, line.lineTerminatorBytes(), expected));
                List<byte[]> lines;
                // The rig end stays open until everything is read: socat ends when a pty end closes.
                try (SerialFramePublisher publisher = new SerialFramePublisher(rigEnd.toRealPath().toString(), line)) {
                    SimulationRun.run(rig, 140, publisher, 0, Duration.ofMillis(50));
                    lines = reading.get(30, TimeUnit.SECONDS);
                }

                java.util.Set<Long> sequences = new java.util.TreeSet<>();
                int rejected = 0;
                for (byte[] frame : lines) {
                    try {
                        // Status lines and boot banners carry no sequence number.
                        profile.decoder().decode(frame).sequence().ifPresent(sequences::add);
                    } catch (FrameRejected e) {
                        rejected++;
                    }
                }
                assertThat(sequences).hasSize(140).first().isEqualTo(1L);
                assertThat(rejected).isEqualTo(corrupt);
            } finally {
                reader.closePort();
            }
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(socatLog);
        }
    }

    private static List<byte[]> readLines(SerialPort port, byte[] terminator, int expected) {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        byte last = terminator[terminator.length - 1];
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines.size() < expected && System.nanoTime() < deadline) {
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                throw new AssertionError("reading " + port.getSystemPortPath() + " failed, error " + port.getLastErrorCode()
                        + " after " + lines.size() + " lines");
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] == last) {
                    byte[] l = current.toByteArray();
                    int keep = l.length - (terminator.length - 1);
                    lines.add(java.util.Arrays.copyOf(l, Math.max(keep, 0)));
                    current.reset();
                } else {
                    current.write(buffer[i]);
                }
            }
        }
        assertThat(lines).as("lines read").hasSize(expected);
        return lines;
    }
}
