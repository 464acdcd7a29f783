package org.tavan.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key Tavan reads. The README's configuration table is checked against this list
 * by a test, so adding a key here without documenting it fails the build.
 */
public final class SettingsCatalog {

    public static final Setting HTTP_PORT = new Setting("http.port", "7070",
            "a TCP port 0-65535 (0 picks a free port)", "Port of the web UI and HTTP API");
    public static final Setting HTTP_HOST = new Setting("http.host", "0.0.0.0",
            "an interface address or host name", "Address the HTTP server binds to");
    public static final Setting HTTP_TRUSTED_PROXIES = new Setting("http.trusted.proxies", "",
            "empty, or comma-separated IP addresses, e.g. 10.0.0.5,10.0.0.6",
            "Reverse proxies whose X-Forwarded-Proto (Secure cookies behind TLS) and X-Forwarded-For (the client's address for sign-in throttling) are believed");
    public static final Setting DATA_DIR = new Setting("data.dir", "./data",
            "a directory path (created if missing)", "Holds the SQLite file and the embedded broker's store");
    public static final Setting DB_URL = new Setting("db.url", "",
            "empty (SQLite file in data.dir), jdbc:sqlite:<file> or jdbc:postgresql://host:port/db",
            "Database to use");
    public static final Setting DB_USER = new Setting("db.user", "",
            "a user name", "Database user (PostgreSQL)");
    public static final Setting DB_PASSWORD = new Setting("db.password", "",
            "a password", "Database password (PostgreSQL)");
    public static final Setting DB_POOL_SIZE = new Setting("db.pool.size", "8",
            "a whole number 1-100", "Database connections per instance (SQLite uses at most 4)");
    public static final Setting MQTT_URL = new Setting("mqtt.url", "",
            "empty (start the embedded broker) or tcp://host:port / ssl://host:port",
            "External MQTT broker; unset starts the embedded one");
    public static final Setting MQTT_PORT = new Setting("mqtt.port", "1883",
            "a TCP port 0-65535 (0 picks a free port)", "Port of the embedded MQTT broker");
    public static final Setting MQTT_HOST = new Setting("mqtt.host", "0.0.0.0",
            "an interface address", "Address the embedded MQTT broker binds to");
    public static final Setting MQTT_USERNAME = new Setting("mqtt.username", "",
            "a user name", "User Tavan connects to an external broker as");
    public static final Setting MQTT_PASSWORD = new Setting("mqtt.password", "",
            "a password", "Password for mqtt.username");
    public static final Setting MQTT_CLIENT_ID = new Setting("mqtt.client.id", "",
            "1-64 characters of A-Z a-z 0-9 - _ (empty: tavan-<host name>)",
            "Client id of this instance's MQTT session; must be unique per instance");
    public static final Setting PROFILES_DIR = new Setting("profiles.dir", "./firmware-profiles",
            "a directory path", "Where rig firmware profiles are read from");
    public static final Setting ADMIN_PASSWORD = new Setting("admin.password", "",
            "empty (a random one is printed once) or at least 8 characters",
            "Password of the first admin user when the database is new");
    public static final Setting SESSION_HOURS = new Setting("session.hours", "12",
            "a whole number of hours 1-720", "How long a sign-in lasts");
    public static final Setting UI_LANGUAGE = new Setting("ui.language", "fa",
            "fa or en", "Language of the UI before a user chooses one");

    public static final Setting MQTT_SHARED_GROUP = new Setting("mqtt.shared.group", "",
            "empty (this instance takes every rig message) or 1-64 characters of A-Z a-z 0-9 - _",
            "Shared-subscription group: instances with the same group split the rig messages between them");
    public static final Setting RIGS_HEARTBEAT_SECONDS = new Setting("rigs.heartbeat.seconds", "60",
            "a whole number of seconds 1-86400",
            "An MQTT rig, or one behind a gateway, is shown offline (stalled if its gateway is up) when no frame arrived for this long");
    public static final Setting READINGS_RETENTION_DAYS = new Setting("readings.retention.days", "0",
            "a whole number of days 0-36500 (0 keeps readings forever)",
            "Raw readings older than this are deleted, except those a verdict holds (reading_holds)");
    public static final Setting SERIAL_PORTS = new Setting("serial.ports", "",
            "empty, or comma-separated <rig-id>=<port path or glob>, e.g. drum-01=/dev/ttyUSB0,tilt-02=/dev/serial/by-id/*A1B2*",
            "Serial rigs attached to this instance and their ports");
    public static final Setting INGEST_QUEUE_URL = new Setting("ingest.queue.url", "",
            "empty (rig messages come over MQTT) or amqp://user:password@host:port/vhost",
            "National deployment: read rig messages from a RabbitMQ quorum queue shared by all instances");
    public static final Setting INGEST_QUEUE_NAME = new Setting("ingest.queue.name", "tavan.readings",
            "1-200 characters of A-Z a-z 0-9 . - _",
            "Name of the exchange and, with .p00, .p01 …, of the partition queues; every instance of one installation uses the same");
    public static final Setting INGEST_QUEUE_PARTITIONS = new Setting("ingest.queue.partitions", "8",
            "a whole number 1-64, the same on every instance and never changed while messages wait",
            "Partition queues the rig messages are split over by rig; each is read by one instance at a time");
    public static final Setting INGEST_QUEUE_AUTH_NODES = new Setting("ingest.queue.auth.nodes", "",
            "empty, or comma-separated IP addresses of the RabbitMQ nodes",
            "National deployment: RabbitMQ nodes that may ask Tavan whether a rig may sign in and publish (RabbitMQ's HTTP auth backend); empty = rigs are RabbitMQ's own users");
    public static final Setting INGEST_STALL_SECONDS = new Setting("ingest.stall.seconds", "30",
            "a whole number of seconds 2-3600",
            "/health answers 503 when rig messages wait this long with nothing committed");

    public static final List<Setting> ALL = List.of(HTTP_PORT, HTTP_HOST, HTTP_TRUSTED_PROXIES, DATA_DIR, DB_URL, DB_USER,
            DB_PASSWORD, DB_POOL_SIZE, MQTT_URL, MQTT_PORT, MQTT_HOST, MQTT_USERNAME, MQTT_PASSWORD,
            MQTT_CLIENT_ID, PROFILES_DIR, ADMIN_PASSWORD, SESSION_HOURS, UI_LANGUAGE, MQTT_SHARED_GROUP,
            RIGS_HEARTBEAT_SECONDS, READINGS_RETENTION_DAYS, SERIAL_PORTS, INGEST_QUEUE_URL, INGEST_QUEUE_NAME,
            INGEST_QUEUE_PARTITIONS, INGEST_QUEUE_AUTH_NODES, INGEST_STALL_SECONDS);

    static final Map<String, Setting> BY_KEY = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));
    static final Map<String, Setting> BY_ENV = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::envName, Function.identity()));

    private SettingsCatalog() {
    }
}
