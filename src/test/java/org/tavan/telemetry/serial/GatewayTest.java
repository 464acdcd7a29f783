package org.tavan.telemetry.serial;

import java.net.ServerSocket;
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
import org.tavan.telemetry.ingest.StoredReadings;
import org.tavan.testing.TestApps;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayTest {

    static final String RIG = "drum-gw-01";

    @TempDir
    Path dir;

    @Test
    void the_gateway_queues_frames_on_disk_while_the_broker_is_down_and_delivers_each_once() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TavanConfig base = TestApps.config(dir.resolve("server"));
        TavanConfig config = new TavanConfig(base.http(), base.dataDir(), base.db(),
                new TavanConfig.Mqtt(Optional.empty(), "127.0.0.1", port, "", "", "tavan-gw-test"),
                base.profilesDir(), base.adminPassword(), base.sessionLifetime(), base.uiLanguage());
        String password;
        try (App app = new App(config).start()) {
            password = app.rigs().register(new Rigs.NewRig(RIG, "double-drum-drm", "Shiraz workshop", "Drum", null, null),
                    Actor.system("test")).mqttPassword();
        }
        Path credentials = dir.resolve("gateway.properties");
        Files.writeString(credentials, RIG + "=" + password + "\n");
        List<byte[]> frames = SimulatedRig.load(Path.of("firmware-profiles/wheelchair-double-drum.json"),
                Path.of("simulators"), RIG, Scenario.PASS, 11, Instant.parse("2026-11-25T08:00:00Z"))
                .take(1_000).stream().map(SimulatedFrame::bytes).toList();

        try (SocatPair cable = new SocatPair(dir, "gw").plugIn()) {
            GatewayCommand command = new GatewayCommand();
            new CommandLine(command).parseArgs("--broker", "tcp://127.0.0.1:" + port, "--rig",
                    RIG + "=double-drum-drm@" + cable.tavanEnd, "--credentials", credentials.toString(),
                    "--queue-dir", dir.resolve("queue").toString());
            try (AutoCloseable gateway = command.start()) {
                long self = ProcessHandle.current().pid();
                Eventually.until(Duration.ofSeconds(30), () -> cable.heldOpenBy(self),
                        () -> "the gateway has not opened " + cable.tavanEnd);
                cable.rigWrites(frames.subList(0, 500));   // the server and its broker are down
                Path journal = dir.resolve("queue").resolve(RIG).resolve("journal");
                long queued = JournalFiles.entryBytes(frames.subList(0, 500));
                Eventually.until(Duration.ofSeconds(30), () -> JournalFiles.segmentBytes(journal) == queued,
                        () -> "the journal on disk holds " + JournalFiles.segmentBytes(journal) + " of " + queued + " bytes");
                try (App app = new App(config).start()) {
                    String db = app.database().url();
                    Eventually.until(Duration.ofSeconds(30), () -> StoredReadings.of(db, null, RIG).rows() == 500,
                            () -> StoredReadings.of(db, null, RIG).toString());
                    cable.rigWrites(frames.subList(500, 1_000));
                    Eventually.until(Duration.ofSeconds(30), () -> StoredReadings.of(db, null, RIG).rows() == 1_000,
                            () -> StoredReadings.of(db, null, RIG).toString());
                    StoredReadings stored = StoredReadings.of(db, null, RIG);
                    assertThat(stored.distinctSequences()).isEqualTo(1_000);
                    assertThat(app.rigs().get(RIG).framesRejected()).isZero();
                }
            }
        }
    }
}
