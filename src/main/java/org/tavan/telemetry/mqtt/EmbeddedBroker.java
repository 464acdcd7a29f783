package org.tavan.telemetry.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.WildcardConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MQTT broker of a single-workshop installation: Apache ActiveMQ Artemis with
 * its persistent journal. A QoS 1 publish is acknowledged to the rig only once it is in the
 * journal on disk, and Tavan's persistent session (its subscription queues) is in the same
 * journal, so a power cut or kill -9 of Tavan loses nothing that a rig was told was accepted.
 * Queues are not capped: above the memory limit they page to disk instead of dropping.
 * Tavan's own client connects to it over TCP exactly as it would to Mosquitto.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path storeDir;
    private final String host;
    private final int requestedPort;
    private final BrokerAccess access;
    private EmbeddedActiveMQ server;
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
        server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration());
        server.setSecurityManager(access);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded MQTT broker did not start on " + host + ":" + port + ": " + e, e);
        }
        log.info("Embedded MQTT broker on {}:{}, {} journal {}", host, port, journalType(), storeDir);
        if (journalType() != JournalType.ASYNCIO) {
            log.info("The AIO journal is not in use (it needs libaio and libartemis-native-64.so on java.library.path, "
                    + "which the README's run command gives): the NIO journal keeps the same promises at a lower rate");
        }
    }

    private Configuration configuration() {
        Configuration c = new ConfigurationImpl();
        c.setName("tavan-embedded");
        c.setPersistenceEnabled(true);
        // The AIO journal (libaio, Debian's libaio1) writes and syncs without a copy through the
        // JVM; a small server without libaio gets the NIO journal, with the same guarantees.
        c.setJournalType(AIOSequentialFileFactory.isSupported() ? JournalType.ASYNCIO : JournalType.NIO);
        c.setJournalDirectory(storeDir.resolve("journal").toString());
        c.setBindingsDirectory(storeDir.resolve("bindings").toString());
        c.setPagingDirectory(storeDir.resolve("paging").toString());
        c.setLargeMessagesDirectory(storeDir.resolve("large-messages").toString());
        c.setNodeManagerLockDirectory(storeDir.toString());
        c.setJournalSyncNonTransactional(true);
        c.setJournalSyncTransactional(true);
        // Gather up to 10 ms of publishes and acks into one fsync (the default 3.3 ms wrote three
        // times as often): a rig still gets its PUBACK only after the sync, so nothing acknowledged
        // is lost; in the benchmark (3)/(2) went from 67 % to 78 % (docs/benchmarks.md).
        c.setJournalBufferTimeout_NIO(10_000_000);
        c.setJournalBufferSize_NIO(2 * 1024 * 1024);
        c.setJournalBufferTimeout_AIO(10_000_000);
        c.setJournalBufferSize_AIO(2 * 1024 * 1024);
        c.setJMXManagementEnabled(false);
        c.setSecurityEnabled(true);
        // Rigs log in on connect only; a failed login is never cached (BrokerAccess), and a
        // rotated password is checked on the next connect, so nothing needs caching.
        c.setAuthenticationCacheSize(0);
        // MQTT's own topic syntax for addresses, so a topic needs no translation and an
        // authorisation check sees the topic the rig published on.
        c.setWildCardConfiguration(new WildcardConfiguration().setDelimiter('/').setAnyWords('#').setSingleWord('+'));
        c.putSecurityRoles("#", Set.of(new Role(BrokerAccess.SERVICE_ROLE, true, true, true, true, true, true, true,
                true, true, true, false, false), new Role(BrokerAccess.RIG_ROLE, true, false, false, false, false, false,
                false, false, false, false, false, false)));
        // Page to disk rather than block or drop when Tavan is down and rigs keep sending.
        // Never dead-letter nor expire a reading: a frame Tavan cannot store stays queued.
        c.addAddressSetting("#", new AddressSettings().setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(64L * 1024 * 1024).setMaxDeliveryAttempts(-1)
                .setDeadLetterAddress(SimpleString.of("tavan/dead-letter")).setExpiryAddress(SimpleString.of("tavan/expired")));
        c.setMaxDiskUsage(98);
        try {
            c.addAcceptorConfiguration("mqtt", "tcp://" + host + ":" + port
                    + "?protocols=MQTT;defaultMqttSessionExpiryInterval=-1;tcpNoDelay=true");
        } catch (Exception e) {
            throw new IllegalStateException("Bad embedded broker address " + host + ":" + port, e);
        }
        return c;
    }

    /** ASYNCIO when libaio and its JNI wrapper were found (and the store's file system takes direct I/O), else NIO. */
    public JournalType journalType() {
        EmbeddedActiveMQ running = server;
        return running == null ? null : running.getActiveMQServer().getConfiguration().getJournalType();
    }

    /**
     * Drops every connection signed in as {@code username}: a rotated or retired rig's open
     * connection must not keep publishing on the old password until the broker next re-checks
     * it. A rig with the new password reconnects and resends what was not acknowledged.
     */
    public int disconnect(String username) {
        EmbeddedActiveMQ running = server;
        if (running == null || running.getActiveMQServer() == null) {
            return 0;
        }
        int dropped = 0;
        for (org.apache.activemq.artemis.core.server.ServerSession session : running.getActiveMQServer().getSessions()) {
            if (username.equals(session.getValidatedUser())) {
                session.getRemotingConnection().fail(new org.apache.activemq.artemis.api.core.ActiveMQSecurityException(
                        "the sign-in of " + username + " was withdrawn"));
                dropped++;
            }
        }
        if (dropped > 0) {
            log.info("Dropped {} broker connection(s) of {}: its sign-in was withdrawn", dropped, username);
        }
        return dropped;
    }

    public int port() {
        return port;
    }

    /**
     * Messages in the subscription queues of one MQTT client (Artemis names them
     * {@code <client id>.<filter>}) not yet handed to it: what /health weighs against commits.
     */
    public long waitingFor(String clientId) {
        EmbeddedActiveMQ running = server;
        if (running == null || running.getActiveMQServer() == null) {
            log.debug("The embedded broker is not running: nothing to count for {}", clientId);
            return -1;
        }
        String prefix = clientId + ".";
        try {
            return running.getActiveMQServer().getPostOffice().getAllBindings()
                    .filter(b -> b instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding)
                    .map(b -> ((org.apache.activemq.artemis.core.postoffice.QueueBinding) b).getQueue())
                    .filter(q -> q.getName().toString().startsWith(prefix))
                    .mapToLong(q -> Math.max(0, q.getMessageCount() - q.getDeliveringCount())).sum();
        } catch (RuntimeException e) {
            log.debug("Cannot count the messages waiting for {}: {}", clientId, e.toString());
            return -1;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("Embedded MQTT broker did not stop cleanly: {}", e.toString());
            }
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
