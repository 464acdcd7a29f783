package org.tavan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.config.TavanConfig;
import org.tavan.storage.Database;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national deployment starts several instances on one new PostgreSQL database at once
 * (a rollout, a cluster coming back after maintenance). Every one must come up, and the
 * first-start work — the first administrator, the national ID key check, the demo workshop —
 * must happen exactly once. Several rounds, because a race does not show every time.
 */
class ConcurrentFirstStartTest {

    private static final int INSTANCES = 4;
    private static final int ROUNDS = 6;
    // The instances of one deployment share the national ID key (see NationalIds.KEY_FILE).
    private static final String KEY_FILE = "national-id.key";

    @TempDir
    Path dir;

    @Test
    void instances_starting_together_on_a_new_database_all_come_up_with_exactly_one_admin() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            List<App> apps = startTogether(round, emptyDatabase(round), false, failures);
            try {
                if (apps.size() < INSTANCES) {
                    continue;
                }
                Database database = apps.get(0).database();
                assertThat(count(database, "SELECT COUNT(*) FROM users")).as("users, round " + round).isEqualTo(1);
                assertThat(count(database, "SELECT COUNT(*) FROM user_roles WHERE role = 'admin'"))
                        .as("admins, round " + round).isEqualTo(1);
                assertThat(count(database, "SELECT COUNT(*) FROM national_id_key_check"))
                        .as("key fingerprints, round " + round).isEqualTo(1);
                assertThat(apps.stream().filter(app -> !app.startupNotes().isEmpty()).count())
                        .as("instances that printed the first-start note, round " + round).isEqualTo(1);
                for (App app : apps) {
                    new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
                }
            } finally {
                apps.forEach(App::close);
            }
        }
        assertThat(failures).as("instances that failed to start, of " + ROUNDS * INSTANCES).isEmpty();
    }

    /** Not a deployment (SQLite serves one instance) but a service started twice on one machine by mistake. */
    @Test
    void instances_starting_together_on_one_new_sqlite_file_plant_one_admin() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            Path shared = dir.resolve("sqlite-round-" + round);
            Files.createDirectories(shared);
            List<App> apps = startTogether(round, TestDatabases.sqlite(shared), false, failures);
            try {
                if (apps.size() < INSTANCES) {
                    continue;
                }
                Database database = apps.get(0).database();
                assertThat(count(database, "SELECT COUNT(*) FROM users")).as("users, round " + round).isEqualTo(1);
                assertThat(count(database, "SELECT COUNT(*) FROM national_id_key_check"))
                        .as("key fingerprints, round " + round).isEqualTo(1);
                assertThat(apps.stream().filter(app -> !app.startupNotes().isEmpty()).count())
                        .as("instances that printed the first-start note, round " + round).isEqualTo(1);
            } finally {
                apps.forEach(App::close);
            }
        }
        assertThat(failures).as("instances that failed to start, of " + 2 * INSTANCES).isEmpty();
    }

    @Test
    void instances_starting_together_with_demo_data_plant_one_demo_workshop() throws Exception {
        Map<String, Long> single;
        try (App alone = new App(TestApps.config(dir.resolve("alone"), TestDatabases.postgres()))
                .withDemoData(true).start()) {
            single = rowsPerTable(alone.database());
        }
        assertThat(single.get("users")).as("the demo workshop's users").isGreaterThan(1);

        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            List<App> apps = startTogether(round, emptyDatabase(round), true, failures);
            try {
                if (apps.size() < INSTANCES) {
                    continue;
                }
                assertThat(rowsPerTable(apps.get(0).database()))
                        .as("rows per table after %d instances started together, round %d, against one alone",
                                INSTANCES, round)
                        .isEqualTo(single);
                assertThat(apps.stream().filter(app -> !app.startupNotes().isEmpty()).count())
                        .as("instances that printed the demo passwords, round " + round).isEqualTo(1);
            } finally {
                apps.forEach(App::close);
            }
        }
        assertThat(failures).as("instances that failed to start, of " + ROUNDS * INSTANCES).isEmpty();
    }

    /**
     * A new schema; in even rounds already migrated, as a start that died before its first
     * admin leaves it. Flyway's lock makes instances on an unmigrated schema finish migrating
     * one after another, which staggers them; on a migrated one they all reach the first-start
     * work at the same moment, so the race shows far more often.
     */
    private static TavanConfig.Db emptyDatabase(int round) {
        TavanConfig.Db db = TestDatabases.postgres();
        if (round % 2 == 0) {
            try (Database database = Database.open(db, null)) {
                database.migrate();
            }
        }
        return db;
    }

    /** Starts the instances on one gate; returns those that came up and adds a line per one that did not. */
    private List<App> startTogether(int round, TavanConfig.Db db, boolean demo, List<String> failures)
            throws Exception {
        String key = randomKey();
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        List<Future<App>> starting = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            Path dataDir = dir.resolve("round-" + round + "-instance-" + i);
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(KEY_FILE), key);
            TavanConfig config = TestApps.config(dataDir, db);
            starting.add(pool.submit(() -> {
                gate.await();
                return new App(config).withDemoData(demo).start();
            }));
        }
        gate.countDown();
        List<App> up = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            try {
                up.add(starting.get(i).get(120, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add("round " + round + ", instance " + i + ": " + e.getCause());
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("Instances still starting after their futures were read, round " + round);
        }
        if (up.size() < INSTANCES) {
            up.forEach(App::close);
            return List.of();
        }
        return up;
    }

    private static Map<String, Long> rowsPerTable(Database database) {
        List<String> tables = database.read(h -> h.createQuery("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                           AND table_name <> 'flyway_schema_history'""")
                .mapTo(String.class).list());
        Map<String, Long> rows = new TreeMap<>();
        for (String table : tables) {
            rows.put(table, count(database, "SELECT COUNT(*) FROM " + table));
        }
        return rows;
    }

    private static long count(Database database, String sql) {
        return database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String randomKey() throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
