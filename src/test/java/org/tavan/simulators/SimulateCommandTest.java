package org.tavan.simulators;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.testing.Services;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented command line, run as picocli runs it from {@code tavan simulate}. */
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

            int code = new CommandLine(new SimulateCommand()).execute("--profile", "firmware-profiles/tilt-table.json",
                    "--rig", rig, "--site", "ws9", "--scenario", "duplicate", "--count", "25", "--rate", "1000");

            assertThat(code).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 30 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
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
        CommandLine cli = new CommandLine(new SimulateCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--profile", "firmware-profiles/wheelchair-double-drum.json", "--rig", "DRM-01");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("give --serial-port");
    }

    @Test
    void an_unknown_scenario_is_refused_with_the_choices() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--profile", "firmware-profiles/curb-drop.json", "--rig", "CD-1", "--scenario", "chaos");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("unknown scenario 'chaos'").contains("burst");
    }
}
