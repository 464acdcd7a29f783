package org.tavan.web.ui;

import java.util.Locale;

import com.ibm.icu.util.ULocale;

/**
 * The languages of the interface. Persian comes first: it is the default and is written right
 * to left with Persian digits and the Solar Hijri calendar; English is left to right and Gregorian.
 */
public enum Language {
    FA("fa", "rtl", new ULocale("fa_IR@calendar=persian")),
    EN("en", "ltr", new ULocale("en_GB@calendar=gregorian"));

    private final String code;
    private final String dir;
    private final ULocale icu;

    Language(String code, String dir, ULocale icu) {
        this.code = code;
        this.dir = dir;
        this.icu = icu;
    }

    public String code() {
        return code;
    }

    /** The value of the html {@code dir} attribute. */
    public String dir() {
        return dir;
    }

    /** The ICU locale with the calendar to use for dates. */
    public ULocale icu() {
        return icu;
    }

    /** The plain Java locale Pebble carries through a rendering; {@link #of(Locale)} turns it back. */
    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    public Language other() {
        return this == FA ? EN : FA;
    }

    /** The language with this code, or {@code fallback} for null or an unknown code. */
    public static Language parse(String code, Language fallback) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return language;
            }
        }
        return fallback;
    }

    static Language of(Locale locale) {
        return locale == null ? FA : parse(locale.getLanguage(), FA);
    }
}
