package org.tavan.quality;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.tavan.App;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.RigPublisher;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.FrameContent;
import org.tavan.telemetry.profile.ProfileCatalog;
import org.tavan.testing.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rig registered through the rig registry ({@code POST /api/rigs}) with a shipped firmware
 * profile, publishing frames made by that profile's own encoder to the app's embedded broker
 * with its own credentials, exactly as a real rig would. {@link #send} returns once ingest has
 * stored the frame, so a test can act on it (a checkpoint, a verdict) without guessing a delay.
 */
public final class BrokerRig implements AutoCloseable {

    static final ProfileCatalog SHIPPED = ProfileCatalog.load(Path.of("firmware-profiles"));

    private final Http http;
    private final String rigId;
    private final FirmwareProfile profile;
    private final RigPublisher publisher;
    private final Instant booted = Instant.now().minusSeconds(600);
    private long sequence;
    private long accepted;

    private BrokerRig(App app, Http http, String rigId, String profileId, String password) throws Exception {
        this.http = http;
        this.rigId = rigId;
        this.profile = SHIPPED.byId(profileId).orElseThrow();
        this.publisher = new RigPublisher("tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow(), "rig-" + rigId,
                rigId, password);
        this.accepted = framesAccepted();
    }

    /** Registers a rig; returns its MQTT password. {@code dueInDays} &lt; 0 makes its calibration overdue. */
    public static String register(Http http, String rigId, String profileId, int dueInDays, String certificate) {
        Http.Response r = http.post("/api/rigs", Map.of("rigId", rigId, "profileId", profileId, "workshop", "WS-TEH",
                "station", "test bay", "calibrationCertificate", certificate,
                "calibrationDue", LocalDate.now(ZoneOffset.UTC).plusDays(dueInDays).toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("mqttPassword").asText();
    }

    /** Connects a registered rig; its sequence numbers continue after {@code lastSequence}. */
    static BrokerRig connect(App app, Http http, String rigId, String profileId, String password, long lastSequence)
            throws Exception {
        BrokerRig rig = new BrokerRig(app, http, rigId, profileId, password);
        rig.sequence = lastSequence;
        return rig;
    }

    public static BrokerRig connect(App app, Http http, String rigId, String profileId, String password) throws Exception {
        return connect(app, http, rigId, profileId, password, 0);
    }

    /** One frame with these measurement values (after scale, as the profile names them), stored before returning. */
    public void send(Map<String, Double> values) throws Exception {
        sequence++;
        // Rigs whose clock is an uptime (the pressure mat) need the boot time; others ignore it.
        FrameContent content = new FrameContent(OptionalLong.of(sequence), Optional.of(Instant.now()), Optional.of(booted),
                values, List.of());
        String topic = profile.mqtt().orElseThrow().topicFor(rigId, "ws-teh");
        publisher.publish(topic, new String(profile.encoder().encode(content), StandardCharsets.US_ASCII));
        accepted++;
        Eventually.until(Duration.ofSeconds(15), () -> framesAccepted() == accepted,
                () -> "rig " + rigId + " frames accepted: " + framesAccepted() + ", expected " + accepted);
    }

    /** The rig was power-cycled: its sequence counter starts again from 1. */
    void restart() {
        sequence = 0;
    }

    long sequence() {
        return sequence;
    }

    private long framesAccepted() {
        return http.get("/api/rigs/" + rigId).json().get("framesAccepted").asLong();
    }

    @Override
    public void close() throws Exception {
        publisher.close();
    }

    /** A tilt-table-json frame: the table angle and the tipping angles found so far. */
    static Map<String, Double> tilt(double tableAngle, double rearward) {
        return Map.of("table_angle", tableAngle, "tip_rearward", rearward, "tip_forward", 18.5);
    }

    /** A curb-drop-kv frame: the drop count, the drop height in mm and the impact in g. */
    static Map<String, Double> drop(long drops, double heightMm) {
        return Map.of("drops", (double) drops, "drop_height", heightMm, "impact_peak", 3.9);
    }
}
