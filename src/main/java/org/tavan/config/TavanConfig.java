package org.tavan.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The validated configuration of one Tavan instance. Built once by {@link ConfigLoader}. */
public record TavanConfig(Http http, Path dataDir, Db db, Mqtt mqtt, Path profilesDir,
                          Optional<String> adminPassword, Duration sessionLifetime, String uiLanguage, Ingest ingest) {

    /** The configuration before rig ingest had settings; ingest gets its defaults. */
    public TavanConfig(Http http, Path dataDir, Db db, Mqtt mqtt, Path profilesDir, Optional<String> adminPassword,
                       Duration sessionLifetime, String uiLanguage) {
        this(http, dataDir, db, mqtt, profilesDir, adminPassword, sessionLifetime, uiLanguage, Ingest.DEFAULTS);
    }

    /**
     * Rig ingest: {@code sharedGroup} set means subscribe as {@code $share/<group>/<filter>};
     * {@code retentionDays} 0 keeps raw readings forever; {@code serialPorts} maps rigs to ports;
     * {@code queue} set means read rig messages from the national queue instead of MQTT;
     * {@code stallAfter} is how long frames may wait uncommitted before /health says so.
     */
    public record Ingest(Optional<String> sharedGroup, Duration heartbeatTimeout, int retentionDays,
                         java.util.List<SerialPort> serialPorts, Optional<Queue> queue, Duration stallAfter) {
        public static final Duration DEFAULT_STALL = Duration.ofSeconds(30);
        public static final Ingest DEFAULTS = new Ingest(Optional.empty(), Duration.ofSeconds(60), 0,
                java.util.List.of());

        public Ingest(Optional<String> sharedGroup, Duration heartbeatTimeout, int retentionDays,
                      java.util.List<SerialPort> serialPorts) {
            this(sharedGroup, heartbeatTimeout, retentionDays, serialPorts, Optional.empty(), DEFAULT_STALL);
        }
    }

    /**
     * The national deployment's rig queues: an AMQP URI (amqp://user:password@host:port/vhost), the
     * name the exchange and the partition queues are named after, and how many partitions.
     */
    public record Queue(String url, String name, int partitions, java.util.List<String> authNodes) {
        public Queue(String url, String name, int partitions) {
            this(url, name, partitions, java.util.List.of());
        }
    }

    /** A serial rig on this machine: {@code port} is a path or a glob such as /dev/serial/by-id/*A1B2*. */
    public record SerialPort(String rigId, String port) {
    }

    public TavanConfig withIngest(Ingest ingest) {
        return new TavanConfig(http, dataDir, db, mqtt, profilesDir, adminPassword, sessionLifetime, uiLanguage,
                ingest);
    }

    /** {@code trustedProxies}: addresses whose X-Forwarded-Proto and X-Forwarded-For are believed. */
    public record Http(String host, int port, java.util.List<String> trustedProxies) {
        public Http(String host, int port) {
            this(host, port, java.util.List.of());
        }
    }

    /** {@code url} is always a full JDBC URL; an unset db.url becomes the SQLite file in the data dir. */
    public record Db(String url, String user, String password, int poolSize) {
        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }
    }

    /** {@code externalUrl} empty means: start the embedded broker on {@code embeddedHost:embeddedPort}. */
    public record Mqtt(Optional<String> externalUrl, String embeddedHost, int embeddedPort,
                       String username, String password, String clientId) {
        public boolean embedded() {
            return externalUrl.isEmpty();
        }
    }

    public TavanConfig withHttpPort(int port) {
        return new TavanConfig(new Http(http.host(), port, http.trustedProxies()), dataDir, db, mqtt, profilesDir, adminPassword,
                sessionLifetime, uiLanguage, ingest);
    }
}
