package org.tavan.telemetry.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.RigPublisher;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On the embedded default, rotating a rig's password or retiring the rig takes effect at once
 * for the connection that is already open, not only at the rig's next sign-in: the broker drops
 * it, the old password is refused, and the new one works.
 */
class WithdrawnSignInTest {

    static final String RIG = "drum-rot-01";

    @TempDir
    Path dir;

    @Test
    void a_rotated_password_drops_the_open_connection_and_a_retired_rig_is_dropped_too() throws Exception {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            String oldPassword = EmbeddedBrokerIngestTest.register(http, RIG, TestProfiles.DRUM);
            String url = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            try (RigPublisher rig = new RigPublisher(url, RIG, RIG, oldPassword)) {
                for (int seq = 1; seq <= 5; seq++) {
                    rig.publish(TestProfiles.drumTopic(RIG), TestProfiles.drumFrame(seq, 1000 + seq, 1.0));
                }
                Eventually.until(Duration.ofSeconds(15), () -> accepted(http) == 5, () -> "accepted " + accepted(http));

                Http.Response rotated = http.post("/api/rigs/" + RIG + "/credentials", Map.of());
                assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
                // Well inside the broker's own 10-second re-check of a connection's rights.
                Eventually.until(Duration.ofSeconds(5), () -> !rig.isConnected(),
                        () -> "the connection signed in with the old password is still open");
                assertThat(rig.isConnected()).isFalse();
            }
            assertThatThrownBy(() -> new RigPublisher(url, RIG, RIG, oldPassword).close())
                    .as("the old password at the next sign-in").isInstanceOf(MqttException.class);
            String newPassword = http.post("/api/rigs/" + RIG + "/credentials", Map.of()).json().get("mqttPassword").asText();
            try (RigPublisher rig = new RigPublisher(url, RIG, RIG, newPassword)) {
                rig.publish(TestProfiles.drumTopic(RIG), TestProfiles.drumFrame(6, 1006, 1.0));
                Eventually.until(Duration.ofSeconds(15), () -> accepted(http) == 6, () -> "accepted " + accepted(http));

                Http.Response retired = http.patch("/api/rigs/" + RIG, Map.of("active", false));
                assertThat(retired.status()).as(retired.body()).isEqualTo(200);
                Eventually.until(Duration.ofSeconds(5), () -> !rig.isConnected(),
                        () -> "the retired rig's connection is still open");
            }
            assertThat(accepted(http)).as("nothing was stored after the rotation on the old connection").isEqualTo(6);
        }
    }

    private static long accepted(Http http) {
        return EmbeddedBrokerIngestTest.rig(http, RIG).get("framesAccepted").asLong();
    }
}
