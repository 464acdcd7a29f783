package org.tavan.telemetry.serial;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.config.TavanConfig;
import org.tavan.rigs.RigView;
import org.tavan.rigs.Rigs;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.StoredReadings;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

class SerialIngestTest {

    static final String RIG = "drum-serial-01";

    @TempDir
    Path dir;

    private App start(SocatPair cable) {
        TavanConfig config = TestApps.config(dir).withIngest(new TavanConfig.Ingest(Optional.empty(),
                Duration.ofSeconds(60), 0, List.of(new TavanConfig.SerialPort(RIG, cable.tavanEnd.toString()))));
        App app = new App(config).withIngestProfiles(TestProfiles.all()).start();
        app.rigs().register(new Rigs.NewRig(RIG, TestProfiles.DRUM_SERIAL, "Isfahan workshop", "Drum bay", null, null),
                Actor.system("test"));
        return app;
    }

    private static void write(Path port, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(port.toFile())) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    @Test
    void garbage_partial_reads_bad_checksums_and_long_lines_are_counted_and_reading_goes_on() throws Exception {
        try (SocatPair cable = new SocatPair(dir, "drum").plugIn(); App app = start(cable)) {
            Eventually.until(Duration.ofSeconds(10), () -> app.rigs().get(RIG).status().equals("online"),
                    () -> app.rigs().get(RIG).toString());
            try (OutputStream rig = new FileOutputStream(cable.rigEnd.toFile())) {
                // A partial read: frame 1 and the first 5 bytes of frame 2 go in one write, which socat and
                // the two pseudo-terminals pass on as one chunk, so the reader takes them in one read.
                // Frame 1 counted shows that read is done and the 5 bytes wait in the reader; the rest of
                // frame 2, written only then, cannot be in the same read. No guessed pause needed.
                String two = TestProfiles.drumFrame(2, 1502.0, 1.0) + "\n";
                rig.write((TestProfiles.drumFrame(1, 1500.0, 1.0) + "\n" + two.substring(0, 5)).getBytes(StandardCharsets.US_ASCII));
                rig.flush();
                Eventually.until(Duration.ofSeconds(30), () -> app.rigs().get(RIG).framesAccepted() == 1,
                        () -> app.rigs().get(RIG).toString());
                rig.write(two.substring(5).getBytes(StandardCharsets.US_ASCII));        // ... completed later
                rig.write(new byte[] {0x00, (byte) 0xff, 0x13, '#', '\n'});            // garbage
                rig.write("S,3,1500.0,1.0*00\n".getBytes(StandardCharsets.US_ASCII));  // bad checksum
                rig.write(("S," + "7".repeat(500) + "\n").getBytes(StandardCharsets.US_ASCII)); // over-long line
                for (int seq = 3; seq <= 10; seq++) {
                    rig.write((TestProfiles.drumFrame(seq, 1500.0 + seq, 1.0) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                rig.flush();
            }
            Eventually.until(Duration.ofSeconds(10), () -> app.rigs().get(RIG).framesAccepted() == 10
                            && app.rigs().get(RIG).framesRejected() == 3,
                    () -> app.rigs().get(RIG).toString());
            RigView rig = app.rigs().get(RIG);
            assertThat(rig.rejectionsByReason()).containsEntry("syntax", 1L).containsEntry("checksum", 1L)
                    .containsEntry("too_long", 1L);
            assertThat(rig.transport()).isEqualTo("serial");
            assertThat(rig.sequenceGaps().missingReadings()).isZero();
        }
    }

    /**
     * 20,000 frames with the cable pulled in the middle. What was in the cable at that moment is
     * gone, as with a real cable (a pseudo-terminal buffers up to about 64 KiB, some 2,400 frames);
     * the simulated rig repeats its last 3,000 frames once the port is back (as a controller that
     * replays its buffer does), and Tavan stores each frame exactly once.
     */
    @Test
    void a_port_unplugged_and_replugged_mid_run_shows_offline_then_loses_and_doubles_nothing() throws Exception {
        int frames = 20_000;
        try (SocatPair cable = new SocatPair(dir, "drum").plugIn(); App app = start(cable)) {
            Eventually.until(Duration.ofSeconds(10), () -> app.rigs().get(RIG).status().equals("online"),
                    () -> app.rigs().get(RIG).toString());
            int unplugAt = 8_000;
            sendFrames(cable.rigEnd, 1, unplugAt);
            cable.unplug();
            Eventually.until(Duration.ofSeconds(10), () -> app.rigs().get(RIG).status().equals("offline"),
                    () -> app.rigs().get(RIG).toString());
            cable.plugIn();
            Eventually.until(Duration.ofSeconds(10), () -> app.rigs().get(RIG).status().equals("online"),
                    () -> app.rigs().get(RIG).toString());
            sendFrames(cable.rigEnd, unplugAt - 3_000, frames);

            String db = app.database().url();
            Eventually.until(Duration.ofSeconds(30), () -> StoredReadings.of(db, null, RIG).rows() == frames,
                    () -> StoredReadings.of(db, null, RIG) + " " + app.rigs().get(RIG));
            assertThat(StoredReadings.of(db, null, RIG)).isEqualTo(new StoredReadings(frames, frames, 1, frames));
            assertThat(app.rigs().get(RIG).sequenceGaps().missingReadings()).isZero();
            assertThat(app.rigs().get(RIG).duplicates()).isPositive();
        }
    }

    /**
     * The shipped Modbus RTU profile end to end: Tavan polls the simulated controller over a socat
     * pseudo-terminal, stores each reading once, and counts each corrupt answer with its reason.
     */
    @Test
    void a_polled_modbus_rig_is_read_by_tavan_and_stored_with_its_corrupt_answers_counted() throws Exception {
        String rigId = "cyclic-mb-01";
        int readings = 30;
        org.tavan.telemetry.profile.FirmwareProfile profile = org.tavan.telemetry.profile.FirmwareProfile.read(
                Path.of("firmware-profiles/prosthesis-cyclic-modbus.json"));
        org.tavan.simulators.SimulatedRig rig = new org.tavan.simulators.SimulatedRig(profile,
                Path.of("simulators/prosthesis-cyclic-mb.json"), rigId, org.tavan.simulators.Scenario.CORRUPT, 9,
                java.time.Instant.parse("2026-11-25T06:00:00Z"));
        try (SocatPair cable = new SocatPair(dir, "cyc").plugIn()) {
            TavanConfig config = TestApps.config(dir).withIngest(new TavanConfig.Ingest(Optional.empty(),
                    Duration.ofSeconds(60), 0, List.of(new TavanConfig.SerialPort(rigId, cable.tavanEnd.toString()))));
            try (App app = new App(config).start();
                 org.tavan.simulators.PolledSerialResponder controller = new org.tavan.simulators.PolledSerialResponder(
                         cable.rigEnd.toRealPath().toString(), profile.serial().orElseThrow())) {
                app.rigs().register(new Rigs.NewRig(rigId, profile.id(), "Isfahan workshop", "Fatigue bay", null, null),
                        Actor.system("test"));
                org.tavan.simulators.SimulationRun.Summary sent = org.tavan.simulators.SimulationRun.run(rig, readings,
                        controller, 0, Duration.ZERO);
                String db = app.database().url();
                Eventually.until(Duration.ofSeconds(30), () -> StoredReadings.of(db, null, rigId).rows() == readings
                                && app.rigs().get(rigId).framesRejected() >= sent.corrupt(),
                        () -> StoredReadings.of(db, null, rigId) + " " + app.rigs().get(rigId));
                assertThat(StoredReadings.of(db, null, rigId)).isEqualTo(new StoredReadings(readings, readings, 1, readings));
                assertThat(app.rigs().get(rigId).rejectionsByReason()).containsKeys("checksum", "syntax");
                assertThat(app.rigs().get(rigId).transport()).isEqualTo("serial");
            }
        }
    }

    private static void sendFrames(Path port, int first, int last) throws IOException {
        try (OutputStream out = new FileOutputStream(port.toFile())) {
            StringBuilder chunk = new StringBuilder();
            for (int seq = first; seq <= last; seq++) {
                chunk.append(TestProfiles.drumFrame(seq, 1500 + seq % 40, 1.0)).append('\n');
                if (seq % 100 == 0 || seq == last) {
                    out.write(chunk.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    chunk.setLength(0);
                }
            }
        }
    }
}
