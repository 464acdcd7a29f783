package org.tavan.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.tavan.config.SettingsCatalog.*;

/**
 * Reads configuration with the precedence environment > config file > defaults, and
 * validates every value once, so that the rest of Tavan never sees a bad setting.
 */
public final class ConfigLoader {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, String> values = new HashMap<>();

    private ConfigLoader() {
    }

    /** Loads from an optional properties file and the given environment. */
    public static TavanConfig load(Optional<Path> file, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader();
        file.ifPresent(loader::readFile);
        loader.readEnvironment(env);
        return loader.build();
    }

    /** Configuration from key/value pairs, as a test or the file would give them. */
    public static TavanConfig fromMap(Map<String, String> settings) {
        ConfigLoader loader = new ConfigLoader();
        settings.forEach((key, value) -> {
            loader.requireKnownKey(key, "setting");
            loader.values.put(key, value);
        });
        return loader.build();
    }

    private void readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("Config file " + file + " does not exist or is not a file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Config file " + file + " cannot be read: " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            requireKnownKey(key, "key in " + file);
            values.put(key, properties.getProperty(key).trim());
        }
    }

    private void readEnvironment(Map<String, String> env) {
        env.forEach((name, value) -> {
            if (!name.startsWith("TAVAN_") || name.equals("TAVAN_CONFIG")) {
                return;
            }
            Setting setting = BY_ENV.get(name);
            if (setting == null) {
                throw new ConfigException("Unknown environment variable " + name + "; known: "
                        + String.join(", ", BY_ENV.keySet().stream().sorted().toList()) + ", TAVAN_CONFIG");
            }
            values.put(setting.key(), value.trim());
        });
    }

    private void requireKnownKey(String key, String where) {
        if (!BY_KEY.containsKey(key)) {
            throw new ConfigException("Unknown " + where + ": '" + key + "'; known keys: "
                    + String.join(", ", BY_KEY.keySet().stream().sorted().toList()));
        }
    }

    private String raw(Setting setting) {
        return values.getOrDefault(setting.key(), setting.defaultValue());
    }

    private ConfigException invalid(Setting setting, String why) {
        return new ConfigException("Invalid " + setting.key() + " (" + setting.envName() + ") = '"
                + raw(setting) + "': " + why + "; allowed: " + setting.accepts());
    }

    private int intIn(Setting setting, int min, int max) {
        try {
            int value = Integer.parseInt(raw(setting));
            if (value < min || value > max) {
                throw invalid(setting, "out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(setting, "not a whole number");
        }
    }

    /** Comma-separated literal IP addresses: a host name would be looked up, and a range would trust more than meant. */
    private List<String> addresses(Setting setting) {
        List<String> out = new ArrayList<>();
        for (String address : raw(setting).split(",")) {
            String a = address.strip();
            if (a.isEmpty()) {
                continue;
            }
            if (!a.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
                throw invalid(setting, "'" + a + "' is not an IP address");
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    private TavanConfig build() {
        int httpPort = intIn(HTTP_PORT, 0, 65535);
        String httpHost = raw(HTTP_HOST);
        if (httpHost.isBlank()) {
            throw invalid(HTTP_HOST, "empty");
        }
        Path dataDir = Path.of(raw(DATA_DIR).isBlank() ? "./data" : raw(DATA_DIR));

        String dbUrl = raw(DB_URL);
        if (dbUrl.isBlank()) {
            dbUrl = "jdbc:sqlite:" + dataDir.resolve("tavan.db");
        } else if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw invalid(DB_URL, "not a SQLite or PostgreSQL JDBC URL");
        }
        TavanConfig.Db db = new TavanConfig.Db(dbUrl, raw(DB_USER), raw(DB_PASSWORD), intIn(DB_POOL_SIZE, 1, 100));

        Optional<String> mqttUrl = Optional.of(raw(MQTT_URL)).filter(s -> !s.isBlank());
        mqttUrl.ifPresent(url -> {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw invalid(MQTT_URL, "not a URL");
            }
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (!(scheme.equals("tcp") || scheme.equals("ssl")) || uri.getHost() == null || uri.getPort() <= 0) {
                throw invalid(MQTT_URL, "needs scheme tcp or ssl, a host and a port");
            }
        });
        String clientId = raw(MQTT_CLIENT_ID);
        if (clientId.isBlank()) {
            clientId = "tavan-" + hostName();
        } else if (!CLIENT_ID.matcher(clientId).matches()) {
            throw invalid(MQTT_CLIENT_ID, "has characters other than letters, digits, - and _ or is too long");
        }
        TavanConfig.Mqtt mqtt = new TavanConfig.Mqtt(mqttUrl, raw(MQTT_HOST), intIn(MQTT_PORT, 0, 65535),
                raw(MQTT_USERNAME), raw(MQTT_PASSWORD), clientId);

        Optional<String> adminPassword = Optional.of(raw(ADMIN_PASSWORD)).filter(s -> !s.isEmpty());
        if (adminPassword.isPresent() && adminPassword.get().length() < 8) {
            throw invalid(ADMIN_PASSWORD, "shorter than 8 characters");
        }
        Duration session = Duration.ofHours(intIn(SESSION_HOURS, 1, 720));
        String language = raw(UI_LANGUAGE);
        if (!language.equals("fa") && !language.equals("en")) {
            throw invalid(UI_LANGUAGE, "not a supported language");
        }
        return new TavanConfig(new TavanConfig.Http(httpHost, httpPort, addresses(HTTP_TRUSTED_PROXIES)), dataDir, db, mqtt,
                Path.of(raw(PROFILES_DIR)), adminPassword, session, language, ingest());
    }

    private TavanConfig.Ingest ingest() {
        Optional<String> group = Optional.of(raw(MQTT_SHARED_GROUP)).filter(s -> !s.isBlank());
        if (group.isPresent() && !CLIENT_ID.matcher(group.get()).matches()) {
            throw invalid(MQTT_SHARED_GROUP, "has characters other than letters, digits, - and _ or is too long");
        }
        java.util.List<TavanConfig.SerialPort> ports = new java.util.ArrayList<>();
        java.util.Set<String> rigs = new java.util.HashSet<>();
        for (String entry : raw(SERIAL_PORTS).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw invalid(SERIAL_PORTS, "entry '" + entry.strip() + "' is not <rig-id>=<port>");
            }
            String rig = entry.substring(0, eq).strip();
            if (!rig.matches("[a-z0-9][a-z0-9_-]{1,39}")) {
                throw invalid(SERIAL_PORTS, "'" + rig + "' is not a rig id");
            }
            if (!rigs.add(rig)) {
                throw invalid(SERIAL_PORTS, "rig '" + rig + "' is listed twice");
            }
            ports.add(new TavanConfig.SerialPort(rig, entry.substring(eq + 1).strip()));
        }
        Optional<TavanConfig.Queue> queue = Optional.empty();
        String queueUrl = raw(INGEST_QUEUE_URL).strip();
        if (!queueUrl.isEmpty()) {
            if (!queueUrl.matches("amqps?://[^\\s]+")) {
                throw invalid(INGEST_QUEUE_URL, "is not an amqp:// or amqps:// URI");
            }
            if (group.isPresent()) {
                throw invalid(MQTT_SHARED_GROUP, "cannot be combined with ingest.queue.url (the queue already shares the work)");
            }
            String name = raw(INGEST_QUEUE_NAME).strip();
            if (!name.matches("[A-Za-z0-9._-]{1,200}")) {
                throw invalid(INGEST_QUEUE_NAME, "has characters other than letters, digits, . - and _ or is too long");
            }
            queue = Optional.of(new TavanConfig.Queue(queueUrl, name, intIn(INGEST_QUEUE_PARTITIONS, 1, 64),
                    addresses(INGEST_QUEUE_AUTH_NODES)));
        }
        return new TavanConfig.Ingest(group, Duration.ofSeconds(intIn(RIGS_HEARTBEAT_SECONDS, 1, 86_400)),
                intIn(READINGS_RETENTION_DAYS, 0, 36_500), java.util.List.copyOf(ports), queue,
                Duration.ofSeconds(intIn(INGEST_STALL_SECONDS, 2, 3_600)));
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_-]", "-");
            return name.length() > 40 ? name.substring(0, 40) : name;
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
