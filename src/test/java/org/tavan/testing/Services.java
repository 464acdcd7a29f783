package org.tavan.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The machine services some tests need. A missing service fails the test with the command
 * that starts it, unless README's switch TAVAN_TEST_SKIP names it (then the test is reported
 * as skipped, never passed).
 */
public final class Services {

    public static final String SKIP_SWITCH = "TAVAN_TEST_SKIP";

    private Services() {
    }

    public static void requirePostgres() {
        require("postgres", "127.0.0.1", 5432,
                "PostgreSQL is not listening on 127.0.0.1:5432. Start it with: "
                        + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
    }

    public static void requireMosquitto() {
        require("mosquitto", "127.0.0.1", 1883,
                "Mosquitto is not listening on 127.0.0.1:1883. Start it with: mosquitto -d -c /etc/mosquitto/mosquitto.conf");
    }

    /** The machine's RabbitMQ (tests that need a broker of their own start one; see OwnRabbit). */
    public static void requireRabbitMq() {
        require("rabbitmq", "127.0.0.1", 5672,
                "RabbitMQ is not listening on 127.0.0.1:5672. Start it with: rabbitmq-server -detached");
    }

    public static void requireProgram(String name, String path, String install) {
        if (skipped(name)) {
            Assumptions.abort(name + " tests skipped by " + SKIP_SWITCH);
        }
        if (!new java.io.File(path).canExecute()) {
            fail(path + " is missing. Install it with: " + install);
        }
    }

    private static void require(String name, String host, int port, String howToStart) {
        if (skipped(name)) {
            Assumptions.abort(name + " tests skipped by " + SKIP_SWITCH);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
        } catch (IOException e) {
            fail(howToStart);
        }
    }

    private static boolean skipped(String name) {
        String value = System.getenv(SKIP_SWITCH);
        if (value == null) {
            value = System.getProperty(SKIP_SWITCH, "");
        }
        Set<String> names = Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return names.contains(name);
    }
}
