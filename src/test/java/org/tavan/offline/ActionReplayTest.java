package org.tavan.offline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.FloorUnits;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** A tablet's queued action replayed at the API: the same id, many times at once. */
class ActionReplayTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void the_same_action_id_sent_100_times_at_once_has_one_effect_and_100_identical_answers(TestDatabases.Kind kind)
            throws Exception {
        try (App app = new App(TestApps.config(dir, TestDatabases.of(kind, dir))).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            String serial = FloorUnits.release(admin, 1).get(0);
            String id = UUID.randomUUID().toString();
            long tapped = System.currentTimeMillis() - 60_000;
            Map<String, Object> action = Map.of("actionId", id, "tappedAt", tapped, "action", "start", "serial", serial,
                    "station", "cutting");

            int n = 100;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Each its own client and connection, as resends from a flaky tablet would be.
                Http client = new Http(app.httpPort()).withToken(admin.token());
                sent.add(pool.submit(() -> {
                    go.await();
                    return client.post("/api/floor/actions", action);
                }));
            }
            go.countDown();
            Set<String> answers = new HashSet<>();
            Set<Integer> statuses = new HashSet<>();
            for (Future<Http.Response> f : sent) {
                Http.Response r = f.get(120, TimeUnit.SECONDS);
                answers.add(r.body());
                statuses.add(r.status());
            }
            pool.shutdown();
            assertThat(statuses).containsExactly(200);
            assertThat(answers).as("100 answers, all the first one").hasSize(1);
            JsonNode answer = admin.get("/api/floor/units/" + serial).json();
            assertThat(answer.get("state").asText()).isEqualTo("in_progress");
            assertThat(answer.get("history")).as("one step started, not 100").hasSize(1);
            JsonNode first = new Http.Response(200, answers.iterator().next(), null).json();
            assertThat(first.get("outcome").asText()).isEqualTo("applied");
            assertThat(first.at("/result/state").asText()).isEqualTo("in_progress");

            JsonNode audit = admin.get("/api/audit?entityType=unit&entityId=" + serial).json();
            List<JsonNode> started = new ArrayList<>();
            audit.forEach(row -> {
                if (row.get("action").asText().equals("unit.step_started")) {
                    started.add(row);
                }
            });
            assertThat(started).as("one audit row for the action").hasSize(1);
            assertThat(Instant.parse(started.get(0).get("tappedAt").asText())).as("tap time kept")
                    .isEqualTo(Instant.ofEpochMilli(tapped));
            assertThat(Instant.parse(started.get(0).get("at").asText())).as("arrival after the tap")
                    .isAfter(Instant.ofEpochMilli(tapped));

            // Replayed later, after the unit has moved on: still the first answer, nothing changes.
            FloorUnits.ok(admin.post("/api/floor/units/" + serial + "/complete", Map.of("station", "cutting")));
            Http.Response replay = admin.post("/api/floor/actions", action);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body()).isEqualTo(answers.iterator().next());
            assertThat(admin.get("/api/floor/units/" + serial).json().get("history")).hasSize(1);

            // The same id for another action is refused, not answered with the first one's result.
            Http.Response reused = admin.post("/api/floor/actions", Map.of("actionId", id, "tappedAt", tapped,
                    "action", "fail", "serial", serial, "station", "welding", "reason", "weld_crack"));
            assertThat(reused.status()).isEqualTo(409);
            assertThat(reused.json().get("code").asText()).isEqualTo("action_id_reused");

            // A new id that no longer fits the unit's state is refused with the reason, and stays refused.
            Map<String, Object> late = Map.of("actionId", UUID.randomUUID().toString(), "tappedAt", tapped,
                    "action", "start", "serial", serial, "station", "cutting");
            Http.Response refused = admin.post("/api/floor/actions", late);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("outcome").asText()).isEqualTo("refused");
            assertThat(refused.json().get("code").asText()).isEqualTo("step_out_of_order");
            assertThat(admin.post("/api/floor/actions", late).body()).isEqualTo(refused.body());

            // Bad ids and times are the caller's mistake: 400 naming the field.
            Http.Response noId = admin.post("/api/floor/actions", Map.of("actionId", "x", "tappedAt", tapped,
                    "action", "start", "serial", serial, "station", "welding"));
            assertThat(noId.status()).isEqualTo(400);
            assertThat(noId.json().at("/details/field").asText()).isEqualTo("actionId");
            Http.Response future = admin.post("/api/floor/actions", Map.of("actionId", UUID.randomUUID().toString(),
                    "tappedAt", System.currentTimeMillis() + 86_400_000L, "action", "start", "serial", serial,
                    "station", "welding"));
            assertThat(future.status()).isEqualTo(400);
            assertThat(future.json().at("/details/field").asText()).isEqualTo("tappedAt");
        }
    }

}
