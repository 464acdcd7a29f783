package org.tavan.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaults_give_sqlite_in_the_data_dir_and_the_embedded_broker() {
        TavanConfig config = ConfigLoader.load(Optional.empty(), Map.of());
        assertThat(config.http().port()).isEqualTo(7070);
        assertThat(config.db().url()).isEqualTo("jdbc:sqlite:" + Path.of("./data").resolve("tavan.db"));
        assertThat(config.mqtt().embedded()).isTrue();
        assertThat(config.mqtt().embeddedPort()).isEqualTo(1883);
        assertThat(config.profilesDir()).isEqualTo(Path.of("./firmware-profiles"));
        assertThat(config.uiLanguage()).isEqualTo("fa");
    }

    @Test
    void environment_overrides_the_file_which_overrides_defaults() throws Exception {
        Path file = dir.resolve("tavan.properties");
        Files.writeString(file, "http.port=8080\ndata.dir=/srv/tavan\nui.language=en\n");
        TavanConfig config = ConfigLoader.load(Optional.of(file), Map.of("TAVAN_HTTP_PORT", "9090",
                "TAVAN_MQTT_URL", "tcp://broker.local:1883", "TAVAN_DB_URL", "jdbc:postgresql://db:5432/tavan"));
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/tavan"));
        assertThat(config.uiLanguage()).isEqualTo("en");
        assertThat(config.mqtt().externalUrl()).contains("tcp://broker.local:1883");
        assertThat(config.db().isPostgres()).isTrue();
    }

    @Test
    void unknown_key_in_the_file_stops_start_up_naming_the_key() throws Exception {
        Path file = dir.resolve("tavan.properties");
        Files.writeString(file, "http.prot=8080\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.prot")
                .hasMessageContaining("http.port");
    }

    @Test
    void unknown_tavan_environment_variable_stops_start_up() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_HTTP_PROT", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TAVAN_HTTP_PROT");
    }

    @Test
    void invalid_values_name_the_key_and_the_allowed_values() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_HTTP_PORT", "seventy")))
                .hasMessageContaining("http.port").hasMessageContaining("TAVAN_HTTP_PORT").hasMessageContaining("0-65535");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_HTTP_PORT", "70000")))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_DB_URL", "jdbc:mysql://x/y")))
                .hasMessageContaining("db.url").hasMessageContaining("jdbc:postgresql");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_MQTT_URL", "http://broker")))
                .hasMessageContaining("mqtt.url").hasMessageContaining("tcp");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_UI_LANGUAGE", "de")))
                .hasMessageContaining("ui.language").hasMessageContaining("fa or en");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_ADMIN_PASSWORD", "short")))
                .hasMessageContaining("admin.password").hasMessageContaining("8 characters");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TAVAN_MQTT_CLIENT_ID", "has space")))
                .hasMessageContaining("mqtt.client.id");
    }

    @Test
    void missing_config_file_is_reported() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.properties")), Map.of()))
                .hasMessageContaining("nope.properties");
    }

    @Test
    void readme_documents_every_setting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting setting : SettingsCatalog.ALL) {
            assertThat(readme).as("README config table row for " + setting.envName())
                    .contains("`" + setting.envName() + "`").contains("`" + setting.key() + "`");
        }
    }
}
