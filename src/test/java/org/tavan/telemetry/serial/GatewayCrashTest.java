package org.tavan.telemetry.serial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.config.TavanConfig;
import org.tavan.rigs.Rigs;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.OwnMosquitto;
import org.tavan.telemetry.ingest.StoredReadings;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's trial from issue 9: socat pty → gateway (own JVM) → private Mosquitto with
 * persistence → Tavan. Broker kill -9, frames written while it is down, gateway kill -9 with
 * them in its journal, both restarted, more frames: every frame is stored once, no gap.
 */
class GatewayCrashTest {

    static final String RIG = "drum-gwc-01";

    @TempDir
    Path dir;

    @Test
    void every_frame_the_gateway_read_is_stored_once_after_the_broker_and_the_gateway_are_killed() throws Exception {
        List<byte[]> frames = SimulatedRig.load(Path.of("firmware-profiles/wheelchair-double-drum.json"),
                Path.of("simulators"), RIG, Scenario.PASS, 11, Instant.parse("2026-11-25T08:00:00Z"))
                .take(2_500).stream().map(SimulatedFrame::bytes).toList();
        Path brokerDir = dir.resolve("broker");
        Path journal = dir.resolve("queue").resolve(RIG).resolve("journal");
        try (OwnMosquitto broker = new OwnMosquitto(brokerDir).start();
             SocatPair cable = new SocatPair(dir, "gwc").plugIn()) {
            TavanConfig base = TestApps.config(dir.resolve("server"));
            TavanConfig config = new TavanConfig(base.http(), base.dataDir(), base.db(),
                    new TavanConfig.Mqtt(Optional.of(broker.url()), "127.0.0.1", 0, "", "", "tavan-gwc-test"),
                    base.profilesDir(), base.adminPassword(), base.sessionLifetime(), base.uiLanguage());
            try (App app = new App(config).start()) {
                app.rigs().register(new Rigs.NewRig(RIG, "double-drum-drm", "Shiraz workshop", "Drum", null, null),
                        Actor.system("test"));
                String db = app.database().url();
                List<String> args = List.of("--broker", broker.url(), "--rig", RIG + "=double-drum-drm@" + cable.tavanEnd,
                        "--queue-dir", dir.resolve("queue").toString());
                GatewayProcess gateway = new GatewayProcess(dir.resolve("gateway.log"), args).start();
                try {
                    Eventually.until(Duration.ofSeconds(10), () -> Files.exists(journal), () -> "no journal in " + journal);
                    awaitPortHeld(cable, gateway);
                    cable.rigWrites(frames.subList(0, 1_000));
                    Eventually.until(Duration.ofSeconds(60), () -> StoredReadings.of(db, null, RIG).rows() == 1_000,
                            () -> StoredReadings.of(db, null, RIG).toString());

                    killMinus9(brokerDir);
                    cable.rigWrites(frames.subList(1_000, 2_000));
                    long journalled = JournalFiles.entryBytes(frames.subList(0, 2_000));
                    Eventually.until(Duration.ofSeconds(30), () -> JournalFiles.segmentBytes(journal) >= journalled,
                            () -> "journal holds " + JournalFiles.segmentBytes(journal) + " of " + journalled + " bytes");
                    gateway.kill();

                    broker.start();
                    gateway = new GatewayProcess(dir.resolve("gateway.log"), args).start();
                    awaitPortHeld(cable, gateway);
                    cable.rigWrites(frames.subList(2_000, 2_500));
                    Eventually.until(Duration.ofSeconds(90), () -> StoredReadings.of(db, null, RIG).rows() >= 2_500,
                            () -> StoredReadings.of(db, null, RIG) + ", gateway log " + dir.resolve("gateway.log"));
                } finally {
                    gateway.close();
                }
                StoredReadings stored = StoredReadings.of(db, null, RIG);
                assertThat(stored.rows()).isEqualTo(2_500);
                assertThat(stored.distinctSequences()).isEqualTo(2_500);
                assertThat(StoredReadings.gaps(db, null, RIG)).isEmpty();
                assertThat(StoredReadings.activity(db, null, RIG, "missing_readings")).isZero();
                assertThat(app.rigs().get(RIG).framesRejected()).isZero();
            }
        }
    }

    /** "Bridging" is printed when the port's reader starts, not when it has the port: wait for that too. */
    private static void awaitPortHeld(SocatPair cable, GatewayProcess gateway) {
        Eventually.until(Duration.ofSeconds(30), () -> cable.heldOpenBy(gateway.pid()),
                () -> "the gateway (pid " + gateway.pid() + ") has not opened " + cable.tavanEnd);
    }

    /** kill -9 of the test's own Mosquitto, found by its configuration file (unique to this test's temp dir). */
    private static void killMinus9(Path brokerDir) {
        String conf = brokerDir.resolve("mosquitto.conf").toString();
        List<ProcessHandle> mine = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(conf)).orElse(false)).toList();
        assertThat(mine).as("our mosquitto process").hasSize(1);
        mine.get(0).destroyForcibly();
        Eventually.until(Duration.ofSeconds(10), () -> !mine.get(0).isAlive(), () -> "mosquitto still alive");
    }
}
