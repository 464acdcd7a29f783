package org.tavan.web.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.MessageFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every text of the interface, by key, in every {@link Language}. Texts live in UTF-8 files
 * {@code i18n/<bundle>_<language>.properties}; a feature adds its own bundle files and its
 * name to {@link #BUNDLES}. A key may be defined in one bundle only.
 *
 * <p>Texts are ICU message patterns: {@code {0}} is replaced by the first argument, numbers
 * are written with the language's digits, and {@code {0, plural, one {# unit} other {# units}}}
 * works. A single apostrophe is literal (ICU's DOUBLE_OPTIONAL mode), so "don't" needs no escaping.
 */
public final class Messages {

    /** The bundles loaded, in this order. Add a feature's bundle name here (one line). */
    public static final List<String> BUNDLES = List.of("ui", "auth", "admin", "floor", "allocation", "rigs",
            "distribution", "inventory");

    private static final Logger log = LoggerFactory.getLogger(Messages.class);

    private final Map<Language, Map<String, String>> texts = new EnumMap<>(Language.class);
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    public Messages() {
        this(BUNDLES);
    }

    Messages(List<String> bundles) {
        for (Language language : Language.values()) {
            Map<String, String> all = new LinkedHashMap<>();
            Map<String, String> origin = new LinkedHashMap<>();
            for (String bundle : bundles) {
                String file = "i18n/" + bundle + "_" + language.code() + ".properties";
                for (Map.Entry<Object, Object> e : load(file).entrySet()) {
                    String key = (String) e.getKey();
                    String earlier = origin.putIfAbsent(key, bundle);
                    if (earlier != null) {
                        throw new IllegalStateException("Message key '" + key + "' is defined in bundles '"
                                + earlier + "' and '" + bundle + "' (" + language.code() + "); keys must be unique");
                    }
                    all.put(key, (String) e.getValue());
                }
            }
            texts.put(language, Collections.unmodifiableMap(all));
        }
    }

    /** The text for {@code key} with its arguments filled in; a missing key shows as {@code ⟦key⟧} and is logged. */
    public String text(Language language, String key, Object... args) {
        String pattern = texts.get(language).get(key);
        if (pattern == null) {
            log.warn("Missing message '{}' for language {}", key, language.code());
            return "⟦" + key + "⟧";
        }
        MessageFormat format = formats.computeIfAbsent(language.code() + "\u0000" + key,
                k -> new MessageFormat(pattern, language.icu()));
        synchronized (format) {
            return format.format(args == null ? new Object[0] : args);
        }
    }

    public boolean has(String key) {
        return texts.get(Language.FA).containsKey(key) || texts.get(Language.EN).containsKey(key);
    }

    public Set<String> keys(Language language) {
        return texts.get(language).keySet();
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Message bundle " + resource + " is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return properties;
    }
}
