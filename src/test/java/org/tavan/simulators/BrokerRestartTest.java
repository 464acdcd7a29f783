package org.tavan.simulators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.config.TavanConfig;
import org.tavan.rigs.Rigs;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.StoredReadings;
import org.tavan.telemetry.mqtt.BrokerAccess;
import org.tavan.telemetry.mqtt.EmbeddedBroker;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated rig keeps publishing through a restart of its broker (Artemis with its journal)
 * and republishes what the broker had not acknowledged; Tavan, subscribed to that broker, ends
 * with every one of the rig's 1,500 readings in its database, each once and with no gap.
 */
class BrokerRestartTest {

    static final String RIG = "cd-9";
    static final int READINGS = 1_500;
    static final int RESTART_AFTER = 300;

    @TempDir
    Path dir;

    @Test
    void a_broker_restart_mid_run_loses_no_reading() throws Exception {
        BrokerAccess access = new BrokerAccess("svc", "svc-password");
        Path store = dir.resolve("broker");
        EmbeddedBroker broker = new EmbeddedBroker(store, "127.0.0.1", 0, access);
        broker.start();
        int port = broker.port();
        String url = "tcp://127.0.0.1:" + port;
        FirmwareProfile profile = SimulatedRigTest.SHIPPED.byId("curb-drop-kv").orElseThrow();
        SimulatedRig rig = new SimulatedRig(profile, SimulatedRigTest.SIMULATORS.resolve("curb-drop-kv.json"), RIG,
                Scenario.PASS, 9, SimulatedRigTest.START);
        String topic = rig.topic("ws1").orElseThrow();

        TavanConfig base = TestApps.config(dir.resolve("server"));
        TavanConfig config = new TavanConfig(base.http(), base.dataDir(), base.db(),
                new TavanConfig.Mqtt(Optional.of(url), "127.0.0.1", 0, "svc", "svc-password", "tavan-broker-restart"),
                base.profilesDir(), base.adminPassword(), base.sessionLifetime(), base.uiLanguage());
        MqttFramePublisher publisher = null;
        try (App app = new App(config).start()) {
            app.rigs().register(new Rigs.NewRig(RIG, "curb-drop-kv", "Tehran central workshop", "Curb", null, null),
                    Actor.system("test"));
            String db = app.database().url();
            publisher = new MqttFramePublisher(url, "rig-" + RIG, "svc", "svc-password", topic, 100, Duration.ofSeconds(60));
            // The rig stops after its 300th frame until the broker is down, so the restart falls mid-run
            // however slowly this machine runs, and the rig sends on into the restart.
            CountDownLatch reachedRestart = new CountDownLatch(1);
            CountDownLatch brokerDown = new CountDownLatch(1);
            FramePublisher gated = new GatedPublisher(publisher, RESTART_AFTER, reachedRestart, brokerDown);
            CompletableFuture<SimulationRun.Summary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return SimulationRun.run(rig, READINGS, gated, 500, Duration.ZERO);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(reachedRestart.await(60, TimeUnit.SECONDS)).as("the rig sent %d frames", RESTART_AFTER).isTrue();
            broker.close();
            brokerDown.countDown();
            broker = new EmbeddedBroker(store, "127.0.0.1", port, access);
            broker.start();

            SimulationRun.Summary summary = run.get(120, TimeUnit.SECONDS);
            assertThat(summary.readings()).isEqualTo(READINGS);
            assertThat(publisher.reconnects()).as("the rig lost the broker and reached it again").isPositive();
            assertThat(publisher.acknowledged()).as("frames the broker acknowledged").isEqualTo(READINGS);
            Eventually.until(Duration.ofSeconds(60), () -> StoredReadings.of(db, null, RIG).rows() >= READINGS,
                    () -> "stored " + StoredReadings.of(db, null, RIG) + ", " + app.rigs().get(RIG));
            assertThat(StoredReadings.of(db, null, RIG)).as("rows, distinct sequences, first, last")
                    .isEqualTo(new StoredReadings(READINGS, READINGS, 1, READINGS));
            assertThat(StoredReadings.gaps(db, null, RIG)).isEmpty();
            assertThat(StoredReadings.activity(db, null, RIG, "missing_readings")).isZero();
            assertThat(app.rigs().get(RIG).framesRejected()).isZero();
        } finally {
            if (publisher != null) {
                publisher.close();
            }
            broker.close();
        }
    }

    /** Passes frames on; after the {@code after}-th it signals and waits until the test has stopped the broker. */
    private static final class GatedPublisher implements FramePublisher {

        private final FramePublisher inner;
        private final int after;
        private final CountDownLatch reached;
        private final CountDownLatch release;
        private int sent;

        GatedPublisher(FramePublisher inner, int after, CountDownLatch reached, CountDownLatch release) {
            this.inner = inner;
            this.after = after;
            this.reached = reached;
            this.release = release;
        }

        @Override
        public void send(byte[] frame) throws Exception {
            inner.send(frame);
            if (++sent == after) {
                reached.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the broker was not stopped within 60 s");
                }
            }
        }

        @Override
        public void dropOut(Duration downtime) throws Exception {
            inner.dropOut(downtime);
        }

        @Override
        public void flush() throws Exception {
            inner.flush();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
