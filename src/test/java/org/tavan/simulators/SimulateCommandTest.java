package org.tavan.simulators;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.tavan.Main;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.testing.Services;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented command line, {@code tavan simulate ...}, through Tavan's own command-line factory. */
class SimulateCommandTest {

    @Test
    void simulate_publishes_the_requested_readings_to_the_broker() throws Exception {
        Services.requireMosquitto();
        FirmwareProfile tilt = SimulatedRigTest.SHIPPED.byId("tilt-table-json").orElseThrow();
        String rig = "cli-" + System.nanoTime();
        List<byte[]> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = new MqttClient("tcp://127.0.0.1:1883", "sub-" + rig, new MemoryPersistence());
        subscriber.connect(new MqttConnectOptions());
        try {
            subscriber.subscribe(tilt.mqtt().orElseThrow().topicFor(rig, "ws9"), 1, (t, m) -> received.add(m.getPayload()));

            int code = Main.commandLine().execute("simulate", "--profile", "firmware-profiles/tilt-table.json",
                    "--rig", rig, "--site", "ws9", "--scenario", "duplicate", "--count", "25", "--rate", "1000");

            assertThat(code).isZero();
            Eventually.until(Duration.ofSeconds(30), () -> received.size() >= 30,
                    () -> received.size() + " of 30 frames reached the subscriber");
            assertThat(received).hasSize(30);
            assertThat(received.stream().map(p -> decodeSequence(tilt, p)).distinct()).hasSize(25);
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private static long decodeSequence(FirmwareProfile profile, byte[] payload) {
        try {
            return profile.decoder().decode(payload).sequence().orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_serial_profile_without_a_port_is_refused_with_the_reason() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));

        int code = cli.execute("simulate", "--profile", "firmware-profiles/wheelchair-double-drum.json", "--rig", "DRM-01");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("tavan: profile double-drum-drm speaks over a serial line: give --serial-port");
    }

    @Test
    void an_unknown_scenario_is_refused_with_the_choices() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));

        int code = cli.execute("simulate", "--profile", "firmware-profiles/curb-drop.json", "--rig", "CD-1", "--scenario", "chaos");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'chaos'").contains("burst");
    }

    @Test
    void a_broker_that_cannot_be_reached_is_named() throws Exception {
        int freePort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));

        int code = cli.execute("simulate", "--profile", "firmware-profiles/curb-drop.json", "--rig", "CD-1",
                "--mqtt-url", "tcp://127.0.0.1:" + freePort);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("tavan: Cannot publish to tcp://127.0.0.1:" + freePort);
    }
}
