package org.tavan.web.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tavan.auth.Role;
import org.tavan.settings.OrganisationSettings;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/web/templates");
    /** t('literal.key' followed by ',' or ')': keys built at run time are checked by name below. */
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\(\\s*['\"]([A-Za-z0-9_.\\-]+)['\"]\\s*[,)]");

    private final Messages messages = new Messages();

    @Test
    void every_persian_key_has_an_english_text_and_every_english_key_a_persian_one() {
        for (String bundle : Messages.BUNDLES) {
            Messages one = new Messages(List.of(bundle));
            Set<String> onlyPersian = new TreeSet<>(one.keys(Language.FA));
            onlyPersian.removeAll(one.keys(Language.EN));
            Set<String> onlyEnglish = new TreeSet<>(one.keys(Language.EN));
            onlyEnglish.removeAll(one.keys(Language.FA));
            assertThat(onlyPersian).as("keys of bundle '%s' in _fa but not in _en", bundle).isEmpty();
            assertThat(onlyEnglish).as("keys of bundle '%s' in _en but not in _fa", bundle).isEmpty();
        }
    }

    @Test
    void no_text_is_empty() {
        for (Language language : Language.values()) {
            for (String key : messages.keys(language)) {
                assertThat(messages.text(language, key).strip()).as("%s in %s", key, language).isNotEmpty();
            }
        }
    }

    @Test
    void every_key_a_template_uses_is_in_a_bundle() throws IOException {
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".peb")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    found++;
                    if (!messages.has(m.group(1))) {
                        missing.add(TEMPLATES.relativize(file) + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(found).as("keys found in templates").isGreaterThan(50);
        assertThat(missing).as("keys used in templates but defined in no bundle").isEmpty();
    }

    @Test
    void every_key_built_in_code_is_in_a_bundle() {
        List<String> keys = new ArrayList<>();
        HomeTiles.ALL.forEach(tile -> {
            keys.add(tile.label());
            keys.add(tile.hint());
        });
        for (Role role : Role.values()) {
            keys.add("role." + role.code());
        }
        for (String kind : List.of("400", "403", "404", "405", "409", "429", "500", "other", "soon")) {
            keys.add("ui.error." + kind + ".title");
            keys.add("ui.error." + kind + ".text");
        }
        for (OrganisationSettings.Key key : OrganisationSettings.Key.values()) {
            keys.add("admin.settings.key." + key.code());
        }
        for (String field : List.of("username", "password")) {
            keys.add("auth.login.required." + field);
        }
        for (String field : List.of("username", "displayName", "password", "roles", "language", "username_taken",
                "last_admin")) {
            keys.add("admin.users.error." + field);
        }
        for (String status : List.of("online", "offline", "stalled")) {
            keys.add("rigs.status." + status);
        }
        for (String reason : org.tavan.production.FailureReasons.all()) {
            keys.add("floor.reason." + reason);
        }
        for (String field : List.of("rigId", "exists", "profileId", "workshop", "station", "calibrationCertificate",
                "calibrationDue", "other")) {
            keys.add("rigs.error." + field);
        }
        for (String notice : List.of("calibration.overdue", "calibration.due", "rigs.offline", "reorder", "proposals",
                "followups")) {
            keys.add("home.notice." + notice);
        }
        for (String transport : List.of("mqtt", "serial", "unknown")) {
            keys.add("rigs.transport." + transport);
        }
        for (Language language : Language.values()) {
            assertThat(keys).as("keys built in code, in %s", language)
                    .allSatisfy(key -> assertThat(messages.keys(language)).contains(key));
        }
    }

    @Test
    void arguments_are_filled_in_with_the_language_s_digits() {
        assertThat(messages.text(Language.FA, "auth.login.throttled", 30)).contains("۳۰").doesNotContain("30");
        assertThat(messages.text(Language.EN, "auth.login.throttled", 30)).contains("30 seconds");
        assertThat(messages.text(Language.EN, "ui.home.greeting", "Sara")).isEqualTo("Hello, Sara");
    }

    @Test
    void apostrophes_in_english_texts_stay_as_written() {
        assertThat(messages.text(Language.EN, "admin.users.error.username")).contains("'.', '-' or '_'");
    }

    @Test
    void a_missing_key_is_shown_marked_rather_than_failing_the_page() {
        assertThat(messages.text(Language.FA, "no.such.key")).isEqualTo("⟦no.such.key⟧");
    }
}
