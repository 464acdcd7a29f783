package org.tavan.telemetry.ingest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.config.ConfigLoader;
import org.tavan.errors.Conflict;
import org.tavan.rigs.Rigs;

/**
 * Tavan as a separate process for tests that kill it: {@code TestServiceMain <config file>
 * <rig-id>=<profile-id>...}. Registers the named rigs if they are new, prints
 * {@code RIG <id> <MQTT password>} for each rig it registered, {@code READY <http port>}, and
 * runs until killed.
 */
public final class TestServiceMain {

    private TestServiceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        App app = new App(ConfigLoader.load(Optional.of(Path.of(args[0])), Map.of()))
                .withIngestProfiles(TestProfiles.all()).start();
        for (int i = 1; i < args.length; i++) {
            String[] rigProfile = args[i].split("=");
            try {
                Rigs.Credentials c = app.rigs().register(new Rigs.NewRig(rigProfile[0], rigProfile[1], "Test workshop",
                        "Bay " + i, null, null), Actor.system("test"));
                System.out.println("RIG " + rigProfile[0] + " " + c.mqttPassword());
            } catch (Conflict alreadyRegistered) {
                // a restart, or the other instance registered it first
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("READY " + app.httpPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
