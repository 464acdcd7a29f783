package org.tavan.rigs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

class RigRegistryApiTest {

    @TempDir
    Path dir;

    private static Map<String, Object> drum(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("rigId", id);
        body.put("profileId", TestProfiles.DRUM);
        body.put("workshop", "کارگاه مرکزی تهران");
        body.put("station", "Fatigue bay 1");
        body.put("calibrationCertificate", "INSO-CAL-1403-118");
        body.put("calibrationDue", "2026-03-20");
        return body;
    }

    private static Http user(App app, String name, String role) {
        app.users().create(new Users.NewUser(name, name, "password-" + name, List.of(role), "en"), Actor.system("test"));
        return new Http(app.httpPort()).signIn(name, "password-" + name);
    }

    @Test
    void a_technician_registers_a_rig_and_sees_its_password_once() {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http tech = user(app, "reza", "technician");
            Http.Response created = tech.post("/api/rigs", drum("drum-teh-01"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("mqttUsername").asText()).isEqualTo("drum-teh-01");
            assertThat(created.json().get("mqttPassword").asText()).hasSizeGreaterThanOrEqualTo(20);

            JsonNode rig = tech.get("/api/rigs/drum-teh-01").json();
            assertThat(rig.get("profileId").asText()).isEqualTo(TestProfiles.DRUM);
            assertThat(rig.get("transport").asText()).isEqualTo("mqtt");
            assertThat(rig.get("workshop").asText()).isEqualTo("کارگاه مرکزی تهران");
            assertThat(rig.get("calibrationCertificate").asText()).isEqualTo("INSO-CAL-1403-118");
            assertThat(rig.get("calibrationDue").asText()).isEqualTo("2026-03-20");
            assertThat(rig.get("status").asText()).isEqualTo("offline");
            assertThat(rig.toString()).doesNotContain(created.json().get("mqttPassword").asText())
                    .doesNotContainIgnoringCase("hash");
            assertThat(tech.get("/api/rigs").json()).hasSize(1);

            String storedHash = app.database().read(h -> h.createQuery(
                    "SELECT mqtt_password_hash FROM rigs WHERE rig_id = 'drum-teh-01'").mapTo(String.class).one());
            assertThat(storedHash).startsWith("$argon2id$").doesNotContain(created.json().get("mqttPassword").asText());
        }
    }

    @Test
    void changes_and_credential_rotations_are_audited() {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http quality = user(app, "maryam", "quality");
            assertThat(quality.post("/api/rigs", drum("drum-teh-02")).status()).isEqualTo(201);
            Http.Response changed = quality.patch("/api/rigs/drum-teh-02",
                    Map.of("station", "Fatigue bay 3", "calibrationDue", "2027-01-10"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().get("station").asText()).isEqualTo("Fatigue bay 3");
            assertThat(changed.json().get("workshop").asText()).isEqualTo("کارگاه مرکزی تهران");
            assertThat(quality.post("/api/rigs/drum-teh-02/credentials", Map.of()).status()).isEqualTo(200);

            List<String> actions = app.database().read(h -> h.createQuery(
                    "SELECT action FROM audit_log WHERE entity_type = 'rig' AND entity_id = 'drum-teh-02' ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(actions).containsExactly("rig.registered", "rig.changed", "rig.credentials_rotated");
            String audited = app.database().read(h -> h.createQuery(
                    "SELECT before_json || after_json FROM audit_log WHERE action = 'rig.changed'").mapTo(String.class).one());
            assertThat(audited).contains("Fatigue bay 1").contains("Fatigue bay 3").doesNotContain("argon2");
        }
    }

    @Test
    void floor_staff_read_rigs_but_cannot_change_them() {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http tech = user(app, "reza", "technician");
            tech.post("/api/rigs", drum("drum-teh-03"));
            Http floor = user(app, "ali", "floor");
            assertThat(floor.get("/api/rigs/drum-teh-03").status()).isEqualTo(200);
            assertThat(floor.post("/api/rigs", drum("drum-teh-04")).status()).isEqualTo(403);
            assertThat(floor.patch("/api/rigs/drum-teh-03", Map.of("station", "x")).status()).isEqualTo(403);
            assertThat(floor.post("/api/rigs/drum-teh-03/credentials", Map.of()).status()).isEqualTo(403);
            assertThat(new Http(app.httpPort()).get("/api/rigs").status()).isEqualTo(401);
        }
    }

    @Test
    void bad_registrations_are_refused_with_the_field_named_and_nothing_stored() {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http tech = user(app, "reza", "technician");
            Map<String, Object> badId = drum("Drum 01/#");
            Map<String, Object> badProfile = drum("drum-05");
            badProfile.put("profileId", "no-such-profile");
            Map<String, Object> badDate = drum("drum-06");
            badDate.put("calibrationDue", "1403/01/01");
            Map<String, Object> noWorkshop = drum("drum-07");
            noWorkshop.remove("workshop");
            for (Map<String, Object> body : List.of(badId, badProfile, badDate, noWorkshop)) {
                Http.Response r = tech.post("/api/rigs", body);
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat(r.json().get("error").asText()).isNotBlank();
            }
            assertThat(tech.postRaw("/api/rigs", "application/json", "{not json").status()).isEqualTo(400);
            assertThat(tech.post("/api/rigs", drum("drum-08")).status()).isEqualTo(201);
            Http.Response again = tech.post("/api/rigs", drum("drum-08"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(tech.patch("/api/rigs/nope-1", Map.of("station", "x")).status()).isEqualTo(404);
            assertThat(tech.get("/api/rigs").json()).hasSize(1);
        }
    }
}
