package org.tavan.telemetry.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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

class EmbeddedBrokerIngestTest {

    @TempDir
    Path dir;

    static String register(Http http, String rig, String profile) {
        Http.Response r = http.post("/api/rigs", Map.of("rigId", rig, "profileId", profile,
                "workshop", "Tehran central workshop", "station", "Test bay 2"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("mqttPassword").asText();
    }

    static JsonNode rig(Http http, String rig) {
        return http.get("/api/rigs/" + rig).json();
    }

    @Test
    void every_bad_frame_is_rejected_and_counted_while_the_other_rig_keeps_ingesting() throws Exception {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            String pw1 = register(http, "drum-01", TestProfiles.DRUM);
            String pw2 = register(http, "drum-02", TestProfiles.DRUM);
            String url = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            try (RigPublisher one = new RigPublisher(url, "drum-01", "drum-01", pw1);
                 RigPublisher two = new RigPublisher(url, "drum-02", "drum-02", pw2)) {
                for (int seq = 1; seq <= 50; seq++) {
                    one.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(seq, 1200.5 + seq, 1.1));
                    two.publish(TestProfiles.drumTopic("drum-02"), TestProfiles.drumFrame(seq, 980.0, 1.0));
                    if (seq == 25) {
                        one.publish(TestProfiles.drumTopic("drum-01"), "S,26,1200.0,1.1*00");      // checksum
                        one.publish(TestProfiles.drumTopic("drum-01"), "garbage \u0001\u0002");     // syntax
                        one.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(26, 1, 1)
                                .replace(",1.0,", ",x,"));                                          // checksum or bad value
                        one.publish(TestProfiles.drumTopic("drum-01"), "S," + "9".repeat(300));     // too long
                        one.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(10, 1, 1)); // duplicate
                    }
                }
                one.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(55, 1300, 1.2)); // gap 51..54
                one.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrameWithStatus(56, 0, 0, "E42"));
            }
            Eventually.until(Duration.ofSeconds(15), () -> rig(http, "drum-01").get("framesAccepted").asLong() == 52
                            && rig(http, "drum-01").get("framesRejected").asLong() == 4
                            && rig(http, "drum-02").get("framesAccepted").asLong() == 50,
                    () -> rig(http, "drum-01") + " / " + rig(http, "drum-02"));

            JsonNode one = rig(http, "drum-01");
            assertThat(one.get("duplicates").asLong()).isEqualTo(1);
            assertThat(one.get("status").asText()).isEqualTo("online");
            assertThat(one.at("/rejectionsByReason/too_long").asLong()).isEqualTo(1);
            assertThat(one.at("/rejectionsByReason/syntax").asLong()).isEqualTo(1);
            assertThat(one.at("/rejectionsByReason/checksum").asLong()).isEqualTo(2);
            assertThat(one.get("lastRejections")).hasSize(4);
            assertThat(one.at("/sequenceGaps/missingReadings").asLong()).isEqualTo(4);
            assertThat(one.at("/sequenceGaps/latestRanges/0/firstMissing").asLong()).isEqualTo(51);
            assertThat(one.at("/sequenceGaps/latestRanges/0/lastMissing").asLong()).isEqualTo(54);
            assertThat(one.at("/sequenceGaps/since").isNull()).isFalse();

            JsonNode readings = http.get("/api/rigs/drum-01/readings?limit=3").json();
            assertThat(readings).hasSize(3);
            assertThat(readings.get(0).get("sequence").asLong()).isEqualTo(56);
            assertThat(readings.get(0).at("/events/0/kind").asText()).isEqualTo("fault");
            assertThat(readings.get(1).get("sequence").asLong()).isEqualTo(55);
            assertThat(readings.get(1).at("/measurements/0/name").asText()).isEqualTo("force");
            assertThat(readings.get(1).at("/measurements/0/value").asDouble()).isEqualTo(1300.0);
            assertThat(readings.get(1).at("/measurements/0/unit").asText()).isEqualTo("N");
            assertThat(readings.get(1).get("receivedAt").isNull()).isFalse();
            assertThat(http.get("/api/rigs/drum-01/readings?limit=0").status()).isEqualTo(400);
            assertThat(http.get("/api/rigs/drum-01/readings?since=yesterday").status()).isEqualTo(400);
            assertThat(http.get("/api/rigs/nope-99/readings").status()).isEqualTo(404);

            String metrics = http.get("/metrics").body();
            assertThat(metrics).contains("tavan_ingest_frames_total{result=\"accepted\"} 102.0");
            assertThat(metrics).contains("tavan_ingest_frames_total{result=\"duplicate\"} 1.0");
            assertThat(metrics).contains("tavan_ingest_frames_total{result=\"rejected\"} 4.0");
        }
    }

    @Test
    void a_rig_may_publish_only_on_its_own_topic_and_only_with_its_own_password() throws Exception {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            String pw1 = register(http, "drum-01", TestProfiles.DRUM);
            register(http, "drum-02", TestProfiles.DRUM);
            String url = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();

            assertThatThrownBy(() -> new RigPublisher(url, "drum-02", "drum-02", "wrong-password"))
                    .isInstanceOf(MqttException.class);
            try (RigPublisher one = new RigPublisher(url, "drum-01", "drum-01", pw1)) {
                try {
                    one.publish(TestProfiles.drumTopic("drum-02"), TestProfiles.drumFrame(1, 1, 1));
                    one.publish(TestProfiles.matTopic("drum-01"), "M,1,2,3");
                } catch (MqttException refusedByBroker) {
                    // Moquette may drop the connection of a client that publishes where it may not.
                }
            }
            try (RigPublisher one = new RigPublisher(url, "drum-01b", "drum-01", pw1)) {
                one.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(1, 1, 1));
            }
            Eventually.until(Duration.ofSeconds(10), () -> rig(http, "drum-01").get("framesAccepted").asLong() == 1,
                    () -> rig(http, "drum-01").toString());
            assertThat(rig(http, "drum-02").get("framesAccepted").asLong()).isZero();
            assertThat(rig(http, "drum-01").get("framesRejected").asLong()).isZero();

            Http.Response rotated = http.post("/api/rigs/drum-01/credentials", Map.of());
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String newPassword = rotated.json().get("mqttPassword").asText();
            assertThatThrownBy(() -> new RigPublisher(url, "drum-01c", "drum-01", pw1)).isInstanceOf(MqttException.class);
            new RigPublisher(url, "drum-01d", "drum-01", newPassword).close();
        }
    }
}
