package org.tavan.telemetry.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.tavan.telemetry.ingest.Eventually;
import org.tavan.testing.Services;

/**
 * A RabbitMQ node of the test's own (Debian's rabbitmq-server, the machine's Erlang), on free
 * ports, with the MQTT plugin, the users of docs/national-deployment.md and its data in the
 * test's directory, so a test can stop it, kill -9 it and start it again on the same data
 * without touching the machine's RabbitMQ on 5672.
 */
public final class OwnRabbit implements AutoCloseable {

    public static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public static final String SERVICE_USER = "tavan";
    public static final String SERVICE_PASSWORD = "tavan-queue-secret";

    private final Path dir;
    private final int amqpPort;
    private final int mqttPort;
    private final int distPort;
    private final String node;
    private Process process;

    /** {@code rigPasswords}: one broker user per rig, allowed to publish on its own topics only. */
    public OwnRabbit(Path dir, Map<String, String> rigPasswords) {
        this(dir, rigPasswords, 0);
    }

    /**
     * With {@code tavanHttpPort} > 0, rigs are not RabbitMQ users: RabbitMQ asks the Tavan on
     * that port (its HTTP auth backend, as docs/national-deployment.md sets it up); Tavan's own
     * service user stays RabbitMQ's.
     */
    public OwnRabbit(Path dir, Map<String, String> rigPasswords, int tavanHttpPort) {
        Services.requireProgram("rabbitmq", SERVER, "apt-get install rabbitmq-server");
        this.dir = dir;
        this.amqpPort = freePort();
        this.mqttPort = freePort();
        this.distPort = freePort();
        this.node = "tavan-test-" + amqpPort + "@localhost";
        try {
            Files.createDirectories(dir.resolve("mnesia"));
            Files.createDirectories(dir.resolve("log"));
            Files.writeString(dir.resolve("enabled_plugins"), tavanHttpPort > 0
                    ? "[rabbitmq_mqtt,rabbitmq_consistent_hash_exchange,rabbitmq_auth_backend_http].\n"
                    : "[rabbitmq_mqtt,rabbitmq_consistent_hash_exchange].\n");
            String askTavan = tavanHttpPort <= 0 ? "" : """
                    auth_backends.1 = internal
                    auth_backends.2 = http
                    auth_http.http_method = post
                    auth_http.user_path = http://127.0.0.1:%1$d/broker-auth/user
                    auth_http.vhost_path = http://127.0.0.1:%1$d/broker-auth/vhost
                    auth_http.resource_path = http://127.0.0.1:%1$d/broker-auth/resource
                    auth_http.topic_path = http://127.0.0.1:%1$d/broker-auth/topic
                    """.formatted(tavanHttpPort);
            Files.writeString(dir.resolve("definitions.json"), definitions(rigPasswords));
            Files.writeString(dir.resolve("rabbitmq.conf"), """
                    listeners.tcp.default = 127.0.0.1:%d
                    mqtt.listeners.tcp.default = 127.0.0.1:%d
                    mqtt.allow_anonymous = false
                    mqtt.vhost = /
                    mqtt.exchange = amq.topic
                    load_definitions = %s
                    log.console = false
                    log.file.level = warning
                    """.formatted(amqpPort, mqttPort, dir.resolve("definitions.json").toAbsolutePath()) + askTavan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OwnRabbit start() {
        ProcessBuilder pb = new ProcessBuilder(SERVER).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                .directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Eventually.until(Duration.ofSeconds(90), () -> listening(amqpPort) && listening(mqttPort) || !process.isAlive(),
                () -> "RabbitMQ node " + node + " did not open ports " + amqpPort + "/" + mqttPort + "; see " + dir);
        if (!process.isAlive()) {
            throw new AssertionError("RabbitMQ node " + node + " ended at start; see " + dir.resolve("stdout.log"));
        }
        return this;
    }

    /** The Erlang VM itself: the start script is only its parent. */
    private Optional<ProcessHandle> vm() {
        return process == null ? Optional.empty()
                : process.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("beam.smp"))
                .findFirst();
    }

    /** A graceful stop (SIGTERM to the VM: RabbitMQ shuts down its queues and writes its state). */
    public void stop() {
        vm().ifPresent(ProcessHandle::destroy);
        waitEnded(Duration.ofSeconds(60));
    }

    /** kill -9 of the VM: nothing flushed, nothing said to the clients. */
    public void kill() {
        vm().ifPresent(ProcessHandle::destroyForcibly);
        waitEnded(Duration.ofSeconds(20));
    }

    private void waitEnded(Duration limit) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Eventually.until(Duration.ofSeconds(20), () -> !listening(amqpPort) && !listening(mqttPort),
                () -> "RabbitMQ node " + node + " still listening after it ended");
        process = null;
    }

    /** The AMQP URI Tavan's ingest.queue.url takes. */
    public String amqpUrl() {
        return "amqp://" + SERVICE_USER + ":" + SERVICE_PASSWORD + "@127.0.0.1:" + amqpPort + "/%2F";
    }

    /** Where rigs and gateways publish over MQTT. */
    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    public Path logDir() {
        return dir.resolve("log");
    }

    @Override
    public void close() {
        if (process != null) {
            vm().ifPresent(ProcessHandle::destroyForcibly);
            waitEnded(Duration.ofSeconds(20));
        }
    }

    /**
     * Users as docs/national-deployment.md sets them up: Tavan's service user, and one user per
     * rig whose topic permission lets it publish only on its own topics of the two profiles the
     * tests and the benchmark use (curb-drop, the test drum) and on its gateway topics.
     */
    private static String definitions(Map<String, String> rigPasswords) {
        List<String> users = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        List<String> topicPermissions = new ArrayList<>();
        users.add(user(SERVICE_USER, SERVICE_PASSWORD, ""));
        permissions.add(permission(SERVICE_USER, "^tavan\\.", "^tavan\\.|^amq\\.topic$", "^tavan\\.|^amq\\.topic$"));
        for (Map.Entry<String, String> rig : rigPasswords.entrySet()) {
            users.add(user(rig.getKey(), rig.getValue(), ""));
            permissions.add(permission(rig.getKey(), "^mqtt-subscription-.*", "^amq\\\\.topic$", "^$"));
            topicPermissions.add("""
                    {"user": "%s", "vhost": "/", "exchange": "amq.topic", "write": "^workshop\\\\.[^.]+\\\\.curb-drop\\\\.{username}\\\\.telemetry$|^test\\\\.drum\\\\.{username}\\\\.data$|^tavan\\\\.gateway\\\\.{username}(\\\\..*)?$", "read": "^$"}"""
                    .formatted(rig.getKey()));
        }
        return """
                {"vhosts": [{"name": "/"}],
                 "users": [%s],
                 "permissions": [%s],
                 "topic_permissions": [%s]}
                """.formatted(String.join(",", users), String.join(",", permissions), String.join(",", topicPermissions));
    }

    private static String user(String name, String password, String tags) {
        return """
                {"name": "%s", "password_hash": "%s", "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "%s"}"""
                .formatted(name, passwordHash(password), tags);
    }

    private static String permission(String user, String configure, String write, String read) {
        return """
                {"user": "%s", "vhost": "/", "configure": "%s", "write": "%s", "read": "%s"}"""
                .formatted(user, configure, write, read);
    }

    /** RabbitMQ's salted SHA-256: base64(salt ++ sha256(salt ++ password)) with a 4-byte salt. */
    static String passwordHash(String password) {
        byte[] salt = new byte[4];
        new SecureRandom().nextBytes(salt);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] digest = sha.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[salt.length + digest.length];
            System.arraycopy(salt, 0, out, 0, salt.length);
            System.arraycopy(digest, 0, out, salt.length, digest.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
