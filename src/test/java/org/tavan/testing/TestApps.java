package org.tavan.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.tavan.App;
import org.tavan.config.TavanConfig;

/** A whole Tavan on free ports in a temporary directory, as the README's run command would start it. */
public final class TestApps {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestApps() {
    }

    public static TavanConfig config(Path dataDir, TavanConfig.Db db) {
        return new TavanConfig(new TavanConfig.Http("127.0.0.1", 0), dataDir, db,
                new TavanConfig.Mqtt(Optional.empty(), "127.0.0.1", 0, "", "", "tavan-test-" + System.nanoTime()),
                Path.of("firmware-profiles"), Optional.of(ADMIN_PASSWORD), Duration.ofHours(12), "fa");
    }

    public static TavanConfig config(Path dataDir) {
        return config(dataDir, TestDatabases.sqlite(dataDir));
    }

    public static App start(Path dataDir) {
        return new App(config(dataDir)).start();
    }
}
