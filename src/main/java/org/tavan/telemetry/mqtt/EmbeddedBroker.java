package org.tavan.telemetry.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MQTT broker of a single-workshop installation (Moquette). Its queues are
 * kept on disk, so QoS 1 messages queued for Tavan's persistent session survive a restart,
 * and they are not capped: a slow subscriber is never silently dropped messages.
 * Tavan's own client connects to it over TCP exactly as it would to Mosquitto.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path storeDir;
    private final String host;
    private final int requestedPort;
    private final BrokerAccess access;
    private Server server;
    private int port;

    public EmbeddedBroker(Path storeDir, String host, int port, BrokerAccess access) {
        this.storeDir = storeDir;
        this.host = host;
        this.requestedPort = port;
        this.access = access;
    }

    public void start() {
        port = requestedPort == 0 ? freePort() : requestedPort;
        requirePortFree(port);
        try {
            Files.createDirectories(storeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create broker store " + storeDir, e);
        }
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", String.valueOf(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", storeDir.toAbsolutePath().toString());
        p.setProperty("persistent_queue_type", "segmented");
        p.setProperty("allow_anonymous", "false");
        p.setProperty("reauthorize_subscriptions_on_connect", "true");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", String.valueOf(256 * 1024));
        // Flush each write at once: ingest latency matters more than a few syscalls.
        p.setProperty("immediate_buffer_flush", "true");
        server = new Server();
        try {
            server.startServer(new MemoryConfig(p), List.of(), null, access, access);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded MQTT broker did not start on " + host + ":" + port, e);
        }
        log.info("Embedded MQTT broker on {}:{}, store {}", host, port, storeDir);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    private void requirePortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for the embedded MQTT broker is in use (another broker such as "
                    + "Mosquitto?). Set TAVAN_MQTT_PORT to a free port, or TAVAN_MQTT_URL to use that broker instead.");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
