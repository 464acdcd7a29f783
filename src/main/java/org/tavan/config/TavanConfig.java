package org.tavan.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The validated configuration of one Tavan instance. Built once by {@link ConfigLoader}. */
public record TavanConfig(Http http, Path dataDir, Db db, Mqtt mqtt, Path profilesDir,
                          Optional<String> adminPassword, Duration sessionLifetime, String uiLanguage) {

    public record Http(String host, int port) {
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
        return new TavanConfig(new Http(http.host(), port), dataDir, db, mqtt, profilesDir, adminPassword,
                sessionLifetime, uiLanguage);
    }
}
