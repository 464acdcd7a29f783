package org.tavan.web.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * What templates call: {@code t('key', args...)} for texts, and {@code date}, {@code datetime},
 * {@code longdate}, {@code number} both as filters ({@code at | date}) and as functions
 * ({@code date(at)}); {@code date} also takes a calendar day (LocalDate or "2025-01-10"). The
 * language is the locale the page is rendered with, so macros get it too.
 */
final class UiExtension extends AbstractExtension {

    private final Messages messages;
    private final Formats formats;

    UiExtension(Messages messages, Formats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(
                "t", new Translate(),
                "tor", new TranslateOr(),
                "date", function(this::date),
                "datetime", function((language, v) -> formats.dateTime(language, instant(v))),
                "longdate", function((language, v) -> formats.longDate(language, instant(v))),
                "number", function((language, v) -> formats.number(language, (Number) v)));
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(
                "date", filter(this::date),
                "datetime", filter((language, v) -> formats.dateTime(language, instant(v))),
                "longdate", filter((language, v) -> formats.longDate(language, instant(v))),
                "number", filter((language, v) -> formats.number(language, (Number) v)),
                // A number kept as text (the last digits of an id, leading zeros and all) in the page's digits.
                "digits", filter((language, v) -> language == Language.FA
                        ? DayEntry.persianDigits(v.toString()) : v.toString()));
    }

    private interface Format {
        String apply(Language language, Object value);
    }

    /** An instant, or a calendar day as a LocalDate or an ISO "yyyy-mm-dd" text (how the registry stores days). */
    private String date(Language language, Object value) {
        if (value instanceof LocalDate day) {
            return formats.day(language, day);
        }
        if (value instanceof String text) {
            try {
                return formats.day(language, LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return formats.date(language, instant(value));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        throw new IllegalArgumentException("Expected an Instant but got " + value);
    }

    /** t('key', arg0, arg1, ...): positional arguments arrive keyed "0", "1", ... because no names are declared. */
    private final class Translate implements Function {
        @Override
        public List<String> getArgumentNames() {
            return null;
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            Object key = args.get("0");
            if (key == null) {
                throw new IllegalArgumentException("t() needs a message key (" + self.getName() + ":" + line + ")");
            }
            List<Object> rest = new ArrayList<>();
            for (int i = 1; args.containsKey(String.valueOf(i)); i++) {
                rest.add(args.get(String.valueOf(i)));
            }
            return messages.text(Language.of(context.getLocale()), key.toString(), rest.toArray());
        }
    }

    /**
     * tor('key', fallback): the text for a key built from data (a unit state, an audit action, a
     * measurement name), or the fallback as it is when no bundle has one, rather than ⟦key⟧.
     */
    private final class TranslateOr implements Function {
        @Override
        public List<String> getArgumentNames() {
            return List.of("key", "fallback");
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            String key = String.valueOf(args.get("key"));
            Object fallback = args.get("fallback");
            return messages.has(key) ? messages.text(Language.of(context.getLocale()), key)
                    : fallback == null ? "" : fallback.toString();
        }
    }

    private static Function function(Format format) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return List.of("value");
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                Object value = args.get("value");
                return value == null ? "" : format.apply(Language.of(context.getLocale()), value);
            }
        };
    }

    private static Filter filter(Format format) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int line) {
                return input == null ? "" : format.apply(Language.of(context.getLocale()), input);
            }
        };
    }
}
