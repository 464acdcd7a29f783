package org.tavan.telemetry.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.RigPublisher;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The national deployment with RabbitMQ asking Tavan about rigs (its HTTP auth backend, as
 * docs/national-deployment.md sets it up): a rig registered in Tavan signs in to RabbitMQ with the
 * password Tavan showed and no rabbitmqctl step, publishes only on its own topics, and a rotated
 * password is refused at the next sign-in while the new one works.
 */
class NationalRigSignInTest {

    static final String RIG = "drum-auth-01";

    @TempDir
    Path dir;

    @Test
    void rigs_sign_in_to_rabbitmq_with_tavan_s_passwords_and_publish_only_on_their_own_topics() throws Exception {
        int httpPort = OwnRabbit.freePort();
        TavanConfig.Db db = TestDatabases.postgres();
        try (OwnRabbit rabbit = new OwnRabbit(dir.resolve("rabbit"), Map.of(), httpPort).start()) {
            TavanConfig base = TestApps.config(dir, db);
            TavanConfig config = new TavanConfig(new TavanConfig.Http("127.0.0.1", httpPort), base.dataDir(), db,
                    base.mqtt(), base.profilesDir(), base.adminPassword(), base.sessionLifetime(), base.uiLanguage(),
                    new TavanConfig.Ingest(Optional.empty(), Duration.ofSeconds(60), 0, List.of(),
                            Optional.of(new TavanConfig.Queue(rabbit.amqpUrl(), "tavan.readings", 4, List.of("127.0.0.1"))),
                            Duration.ofSeconds(30)));
            try (App app = new App(config).withIngestProfiles(TestProfiles.all()).start()) {
                Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
                Eventually.until(Duration.ofSeconds(30),
                        () -> http.get("/health").json().at("/broker/status").asText().equals("up"),
                        () -> "the queue session: " + http.get("/health").body());
                Http.Response registered = http.post("/api/rigs", Map.of("rigId", RIG, "profileId", TestProfiles.DRUM,
                        "workshop", "Tabriz workshop", "station", "Bay 1"));
                assertThat(registered.status()).as(registered.body()).isEqualTo(201);
                String password = registered.json().get("mqttPassword").asText();

                try (RigPublisher rig = new RigPublisher(rabbit.mqttUrl(), "sim-" + RIG, RIG, password)) {
                    for (int seq = 1; seq <= 3; seq++) {
                        rig.publish(TestProfiles.drumTopic(RIG), TestProfiles.drumFrame(seq, 900 + seq, 1.0));
                    }
                    Eventually.until(Duration.ofSeconds(30), () -> accepted(http) == 3, () -> "accepted " + accepted(http));
                }
                assertThatThrownBy(() -> new RigPublisher(rabbit.mqttUrl(), "sim-bad", RIG, "not-the-password").close())
                        .as("a wrong password").isInstanceOf(MqttException.class);
                assertThatThrownBy(() -> new RigPublisher(rabbit.mqttUrl(), "sim-ghost", "drum-ghost", password).close())
                        .as("a rig Tavan never registered").isInstanceOf(MqttException.class);

                // Another rig's topic: RabbitMQ refuses the publish and closes the connection.
                RigPublisher impostor = new RigPublisher(rabbit.mqttUrl(), "sim-imp", RIG, password);
                try {
                    impostor.publish(TestProfiles.drumTopic("drum-auth-02"), TestProfiles.drumFrame(1, 900, 1.0));
                } catch (MqttException refused) {
                    // Either the publish fails or the connection drops just after; both are a refusal.
                }
                Eventually.until(Duration.ofSeconds(10), () -> !impostor.isConnected(),
                        () -> "the connection that published on another rig's topic is still open");
                impostor.close();

                String rotated = http.post("/api/rigs/" + RIG + "/credentials", Map.of()).json().get("mqttPassword").asText();
                assertThatThrownBy(() -> new RigPublisher(rabbit.mqttUrl(), "sim-old", RIG, password).close())
                        .as("the password before the rotation").isInstanceOf(MqttException.class);
                try (RigPublisher rig = new RigPublisher(rabbit.mqttUrl(), "sim-" + RIG, RIG, rotated)) {
                    rig.publish(TestProfiles.drumTopic(RIG), TestProfiles.drumFrame(4, 904, 1.0));
                    Eventually.until(Duration.ofSeconds(30), () -> accepted(http) == 4, () -> "accepted " + accepted(http));
                }
                assertThat(http.get("/metrics").body()).as("nothing of another rig's topic reached Tavan")
                        .doesNotContain("tavan_ingest_frames_total{result=\"rejected\"} 1");
            }
        }
    }

    private static long accepted(Http http) {
        return http.get("/api/rigs/" + RIG).json().get("framesAccepted").asLong();
    }
}
