package org.tavan.telemetry.serial;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tavan.simulators.PolledSerialResponder;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.simulators.SimulationRun;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.testing.Services;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Modbus RTU cyclic-load controller over a socat pseudo-terminal: Tavan's serial reader is
 * the master and polls on the profile's schedule, the simulated controller answers each request
 * with its registers. Every reading arrives once (by its sample counter), and every corrupt
 * answer is rejected and counted with a reason.
 */
class ModbusPollingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CORRUPT, 40", "DUPLICATE, 40", "DROPOUT, 30", "FAIL, 30"})
    void the_reader_polls_the_controller_and_every_answer_is_decoded_or_rejected_with_a_reason(Scenario scenario,
                                                                                              int readings) throws Exception {
        Services.requireProgram("socat", SocatPair.SOCAT, "apt-get install -y socat");
        FirmwareProfile profile = FirmwareProfile.read(Path.of("firmware-profiles/prosthesis-cyclic-modbus.json"));
        SimulatedRig rig = new SimulatedRig(profile, Path.of("simulators/prosthesis-cyclic-mb.json"), "cyc-1", scenario, 5,
                Instant.parse("2026-11-25T06:00:00Z"));
        List<SimulatedFrame> meant = rig.take(readings);
        long corrupt = meant.stream().filter(f -> f.kind() == SimulatedFrame.Kind.CORRUPT).count();
        IngestProfile ingest = IngestProfile.of(profile);

        List<byte[]> frames = new CopyOnWriteArrayList<>();
        List<Integer> tooLong = new CopyOnWriteArrayList<>();
        try (SocatPair cable = new SocatPair(dir, "cyc").plugIn()) {
            SerialLineReader reader = new SerialLineReader("cyc-1", cable.tavanEnd.toString(),
                    () -> SerialLineReader.Either.of(ingest.serial().orElseThrow()), new SerialLineReader.Listener() {
                        @Override
                        public void opened() {
                        }

                        @Override
                        public void closed() {
                        }

                        @Override
                        public void frame(byte[] frame) {
                            frames.add(frame);
                        }

                        @Override
                        public void tooLong(int bytesDropped, int limit) {
                            tooLong.add(bytesDropped);
                        }
                    });
            try (PolledSerialResponder controller = new PolledSerialResponder(cable.rigEnd.toRealPath().toString(),
                    profile.serial().orElseThrow())) {
                reader.start();
                CompletableFuture<SimulationRun.Summary> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return SimulationRun.run(rig, readings, controller, 0, Duration.ofMillis(300));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                SimulationRun.Summary sent = run.get(60, TimeUnit.SECONDS);
                assertThat(controller.answered()).isEqualTo(meant.size());
                assertThat(sent.readings()).isEqualTo(readings);
                // The last answer is framed once the line has been quiet for the profile's silence.
                Eventually.until(Duration.ofSeconds(10), () -> frames.size() >= meant.size() - corrupt,
                        () -> frames.size() + " frames read of " + meant.size() + " sent");
            } finally {
                reader.close();
            }
        }

        Set<Long> sequences = new TreeSet<>();
        Map<String, Integer> rejections = new TreeMap<>();
        for (byte[] frame : frames) {
            try {
                sequences.add(profile.decoder().decode(frame).sequence().orElseThrow());
            } catch (FrameRejected e) {
                assertThat(e.getMessage()).isNotBlank();
                rejections.merge(e.reason(), 1, Integer::sum);
            }
        }
        assertThat(sequences).hasSize(readings).first().isEqualTo(1L);
        int rejected = rejections.values().stream().mapToInt(Integer::intValue).sum() + tooLong.size();
        // Garbage may be cut into more than one rejected piece; nothing corrupt is ever accepted.
        assertThat(rejected).as("rejections " + rejections).isGreaterThanOrEqualTo((int) corrupt);
        if (corrupt == 0) {
            assertThat(rejections).isEmpty();
        } else {
            assertThat(rejections).containsKeys("checksum", "syntax");
        }
    }
}
