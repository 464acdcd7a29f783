package org.tavan.telemetry.serial;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.config.ConfigLoader;
import org.tavan.rigs.Rigs;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.OwnMosquitto;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a gateway reports besides frames, end to end: socat pty → the gateway in its own JVM →
 * a real broker (the embedded one, which checks each rig's topics, or a private Mosquitto) →
 * Tavan. Over-long lines count on the rig as for a port on Tavan's machine; the heartbeat makes a
 * silent rig behind a live gateway "stalled", and the rig offline again once the gateway is gone.
 */
class GatewayReportsTest {

    static final String RIG = "drum-gwr-01";
    static final String OTHER_RIG = "drum-gwr-02";
    /** wheelchair-double-drum.json: maxFrameBytes. */
    static final int LIMIT = 96;
    static final String OVER_LONG = "$DRM," + "9".repeat(140);

    @TempDir
    Path dir;

    @Test
    void an_over_long_line_behind_the_gateway_is_a_too_long_rejection_on_the_rig_as_on_a_local_port() throws Exception {
        try (Server server = Server.embedded(dir, 60); SocatPair cable = new SocatPair(dir, "gwr").plugIn()) {
            String password = server.register(RIG);
            try (GatewayProcess gateway = gateway(cable, server.brokerUrl(), RIG, password, "--status-every", "1").start()) {
                server.await(RIG, rig -> rig.path("gateway").path("portOpen").asBoolean(), "the gateway's port open");
                List<byte[]> lines = new ArrayList<>(frames(RIG, 3));
                lines.add(OVER_LONG.getBytes(StandardCharsets.US_ASCII));
                lines.addAll(frames(RIG, 5).subList(3, 5));
                cable.rigWrites(lines);

                JsonNode rig = server.await(RIG, r -> r.path("framesAccepted").asLong() == 5
                        && r.path("framesRejected").asLong() == 1, "5 frames accepted and 1 rejected");
                assertThat(rig.path("rejectionsByReason").size()).isEqualTo(1);
                assertThat(rig.path("rejectionsByReason").path("too_long").asLong()).isEqualTo(1);
                // The message SerialIngest gives for the same line on a local port: the bytes dropped include CR LF.
                assertThat(rig.path("lastRejections").get(0).path("message").asText())
                        .isEqualTo("Line of " + (OVER_LONG.length() + 2) + " bytes exceeds the profile's limit of " + LIMIT);
            }
        }
    }

    @Test
    void a_silent_rig_behind_a_live_gateway_with_its_port_open_is_stalled_and_offline_once_the_gateway_is_gone()
            throws Exception {
        try (Server server = Server.embedded(dir, 2); SocatPair cable = new SocatPair(dir, "gws").plugIn()) {
            String password = server.register(RIG);
            GatewayProcess gateway = gateway(cable, server.brokerUrl(), RIG, password, "--status-every", "1").start();
            try {
                server.await(RIG, r -> r.path("gateway").path("portOpen").asBoolean(), "the gateway's port open");
                cable.rigWrites(frames(RIG, 2));
                server.await(RIG, r -> r.path("framesAccepted").asLong() == 2, "2 frames accepted");

                // The rig goes quiet; the gateway keeps reporting its port open.
                JsonNode stalled = server.await(RIG, r -> r.path("status").asText().equals("stalled"), "stalled");
                assertThat(stalled.path("gateway").path("up").asBoolean()).isTrue();
                assertThat(stalled.path("gateway").path("framesRead").asLong()).isEqualTo(2);
                assertThat(server.admin().get("/rigs").body()).contains("data-testid=\"rig-stalled\"")
                        .contains("متوقف").contains("دروازه روشن و درگاه باز است");

                // The cable is pulled: the gateway is still up but says the port is closed.
                cable.unplug();
                JsonNode unplugged = server.await(RIG, r -> !r.path("gateway").path("portOpen").asBoolean(),
                        "the gateway's port closed");
                assertThat(unplugged.path("status").asText()).isEqualTo("offline");
                cable.plugIn();
                server.await(RIG, r -> r.path("status").asText().equals("stalled"), "stalled again once plugged in");

                // The gateway dies: no more heartbeats, and after three missed ones the rig is offline.
                gateway.kill();
                JsonNode gone = server.await(RIG, r -> r.path("status").asText().equals("offline"),
                        "offline after the gateway died");
                assertThat(gone.path("gateway").path("up").asBoolean()).isFalse();
            } finally {
                gateway.close();
            }
        }
    }

    @Test
    void on_the_embedded_default_a_resent_report_counts_once_and_a_new_report_id_counts_again() throws Exception {
        try (Server server = Server.embedded(dir, 60)) {
            String password = server.register(RIG);
            String topic = "tavan/gateway/" + RIG + "/rejected";
            publishAs(server.brokerUrl(), RIG, password, topic, "too_long 300 256 0123456789abcdef:7");
            server.await(RIG, r -> r.path("framesRejected").asLong() == 1, "the first report counted");
            // The metric moves just after the commit the rig's figures show.
            Eventually.until(Duration.ofSeconds(10), () -> server.rejectionsCounted() == 1,
                    () -> "too_long on the rejection metric: " + server.rejectionsCounted());
            // The gateway resends its last journal entries after a reconnect: same id, a duplicate.
            publishAs(server.brokerUrl(), RIG, password, topic, "too_long 300 256 0123456789abcdef:7");
            JsonNode resent = server.await(RIG, r -> r.path("duplicates").asLong() == 1, "the resent report as a duplicate");
            assertThat(resent.path("framesRejected").asLong()).isEqualTo(1);
            assertThat(server.rejectionsCounted()).as("the rejection metric counts the resent report once").isEqualTo(1);
            publishAs(server.brokerUrl(), RIG, password, topic, "too_long 300 256 0123456789abcdef:8");
            JsonNode next = server.await(RIG, r -> r.path("framesRejected").asLong() == 2, "the next report counted");
            assertThat(next.path("rejectionsByReason").path("too_long").asLong()).isEqualTo(2);
            assertThat(next.path("duplicates").asLong()).isEqualTo(1);
            Eventually.until(Duration.ofSeconds(10), () -> server.rejectionsCounted() == 2,
                    () -> "too_long on the rejection metric after the next report: " + server.rejectionsCounted());
        }
    }

    @Test
    void a_report_that_cannot_be_read_is_its_own_rejection_and_a_rig_may_report_only_about_itself() throws Exception {
        try (Server server = Server.embedded(dir, 60)) {
            String password = server.register(RIG);
            server.register(OTHER_RIG);
            publishAs(server.brokerUrl(), RIG, password, "tavan/gateway/" + RIG + "/rejected", "too_long many");
            JsonNode rejected = server.await(RIG, r -> r.path("framesRejected").asLong() == 1, "1 rejection");
            assertThat(rejected.path("rejectionsByReason").path("malformed_report").asLong()).isEqualTo(1);
            assertThat(rejected.path("lastRejections").get(0).path("message").asText()).contains("too_long many");

            String status = "{\"port\":\"open\",\"framesRead\":7,\"everySeconds\":10}";
            try {
                publishAs(server.brokerUrl(), RIG, password, "tavan/gateway/" + OTHER_RIG + "/status", status);
            } catch (MqttException refused) {
                // The broker may close the connection of a client that publishes where it must not.
            }
            // Published after the refused one on the same broker: once it is recorded, the other would have been.
            publishAs(server.brokerUrl(), RIG, password, "tavan/gateway/" + RIG + "/status", status);
            server.await(RIG, r -> r.path("gateway").path("framesRead").asLong() == 7, "the rig's own status recorded");
            assertThat(server.rig(OTHER_RIG).path("gateway").isNull()).as(server.rig(OTHER_RIG).toString()).isTrue();
        }
    }

    /**
     * Through Mosquitto (no topic rules there), and across a broker restart: after reconnecting the
     * gateway resends its acknowledged tail, which Tavan stores as duplicates, but not the report of
     * the over-long line in it, which Tavan could not recognise as a second copy.
     */
    @Test
    void through_mosquitto_a_broker_restart_resends_frames_but_counts_the_over_long_line_once() throws Exception {
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             Server server = Server.external(dir, broker.url());
             SocatPair cable = new SocatPair(dir, "gwm").plugIn()) {
            server.register(RIG);
            try (GatewayProcess gateway = gateway(cable, broker.url(), RIG, null, "--status-every", "1").start()) {
                server.await(RIG, r -> r.path("gateway").path("portOpen").asBoolean(), "the gateway's port open");
                List<byte[]> frames = frames(RIG, 4);
                List<byte[]> lines = new ArrayList<>(frames.subList(0, 2));
                lines.add(OVER_LONG.getBytes(StandardCharsets.US_ASCII));
                lines.add(frames.get(2));
                cable.rigWrites(lines);
                server.await(RIG, r -> r.path("framesAccepted").asLong() == 3 && r.path("framesRejected").asLong() == 1,
                        "3 accepted and 1 too_long");

                broker.stop();
                broker.start();
                cable.rigWrites(frames.subList(3, 4));
                // At least the 3 the gateway resends; Mosquitto may also redeliver one Tavan had
                // committed but not yet acknowledged when it stopped. Either way never stored twice.
                JsonNode rig = server.await(RIG, r -> r.path("framesAccepted").asLong() == 4
                        && r.path("duplicates").asLong() >= 3, "the 4th frame, and the resent 3 as duplicates");
                assertThat(rig.path("framesRejected").asLong()).isEqualTo(1);
                assertThat(rig.path("rejectionsByReason").path("too_long").asLong()).isEqualTo(1);
            }
        }
    }

    private GatewayProcess gateway(SocatPair cable, String broker, String rig, String password, String... more)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--broker", broker, "--rig",
                rig + "=double-drum-drm@" + cable.tavanEnd, "--queue-dir", dir.resolve("queue").toString()));
        if (password != null) {
            Path credentials = dir.resolve("gateway.properties");
            Files.writeString(credentials, rig + "=" + password + "\n");
            args.addAll(List.of("--credentials", credentials.toString()));
        }
        args.addAll(List.of(more));
        return new GatewayProcess(dir.resolve("gateway.log"), args);
    }

    private static List<byte[]> frames(String rig, int n) {
        return SimulatedRig.load(Path.of("firmware-profiles/wheelchair-double-drum.json"), Path.of("simulators"), rig,
                Scenario.PASS, 11, Instant.parse("2026-11-25T08:00:00Z")).take(n).stream()
                .map(SimulatedFrame::bytes).toList();
    }

    /** One QoS 1 publish signed in as the rig, as its gateway would; returns once the broker acknowledged it. */
    private static void publishAs(String url, String user, String password, String topic, String payload)
            throws MqttException {
        MqttClient client = new MqttClient(url, "test-" + user + "-" + System.nanoTime(), new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(user);
            options.setPassword(password.toCharArray());
            options.setCleanSession(true);
            client.setTimeToWait(5_000);
            client.connect(options);
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect(1_000);
        } finally {
            if (client.isConnected()) {
                client.disconnectForcibly(1_000);
            }
            client.close();
        }
    }

    /** Tavan in this JVM with a short rigs.heartbeat.seconds, on its embedded broker or an external one. */
    private static final class Server implements AutoCloseable {
        private final App app;
        private final String brokerUrl;
        private final Http admin;

        private Server(App app, String brokerUrl) {
            this.app = app;
            this.brokerUrl = brokerUrl;
            this.admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        }

        static Server embedded(Path dir, int heartbeatSeconds) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Properties p = settings(dir, heartbeatSeconds);
            p.setProperty("mqtt.port", String.valueOf(port));
            return new Server(start(dir, p), "tcp://127.0.0.1:" + port);
        }

        static Server external(Path dir, String url) throws IOException {
            Properties p = settings(dir, 60);
            p.setProperty("mqtt.url", url);
            return new Server(start(dir, p), url);
        }

        private static Properties settings(Path dir, int heartbeatSeconds) {
            Properties p = new Properties();
            p.setProperty("http.port", "0");
            p.setProperty("data.dir", dir.resolve("server").toString());
            p.setProperty("admin.password", TestApps.ADMIN_PASSWORD);
            p.setProperty("mqtt.client.id", "tavan-gwr-" + System.nanoTime());
            p.setProperty("rigs.heartbeat.seconds", String.valueOf(heartbeatSeconds));
            return p;
        }

        private static App start(Path dir, Properties p) throws IOException {
            Path file = dir.resolve("tavan.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, null);
            }
            return new App(ConfigLoader.load(Optional.of(file), java.util.Map.of())).start();
        }

        String brokerUrl() {
            return brokerUrl;
        }

        Http admin() {
            return admin;
        }

        /** The too_long count on the rejection metric that /metrics exports. */
        double rejectionsCounted() {
            io.micrometer.core.instrument.Counter c = app.metrics().find("tavan.ingest.rejections")
                    .tag("reason", "too_long").counter();
            return c == null ? 0 : c.count();
        }

        String register(String rig) {
            return app.rigs().register(new Rigs.NewRig(rig, "double-drum-drm", "Tabriz workshop", "Drum", null, null),
                    Actor.system("test")).mqttPassword();
        }

        JsonNode rig(String rig) {
            Http.Response r = admin.get("/api/rigs/" + rig);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }

        JsonNode await(String rig, Predicate<JsonNode> condition, String what) {
            Eventually.until(Duration.ofSeconds(30), () -> condition.test(rig(rig)),
                    () -> what + ": " + rig(rig).toPrettyString());
            return rig(rig);
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
