package org.tavan.allocation;

import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Texts in the officer's language as allocation's reasons and device-class names need them.
 * The screens hand in the web's message bundles, so allocation's wording depends on no web code.
 */
public interface Translations {

    boolean has(String key);

    String text(String key, Object... args);

    /** Province names are kept in Persian and English on {@code Province}, not in the bundles. */
    boolean persian();

    static Translations of(Predicate<String> has, BiFunction<String, Object[], String> text, boolean persian) {
        return new Translations() {
            @Override
            public boolean has(String key) {
                return has.test(key);
            }

            @Override
            public String text(String key, Object... args) {
                return text.apply(key, args);
            }

            @Override
            public boolean persian() {
                return persian;
            }
        };
    }
}
