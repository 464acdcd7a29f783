package org.tavan.web.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import org.tavan.errors.InvalidInput;

/**
 * A calendar day typed into a form, as people write it: in Persian a Solar Hijri day
 * (year/month/day, Persian, Arabic-Indic or Latin digits, "/", "-" or "." between), in English an
 * ISO Gregorian day. Stored days stay ISO {@link LocalDate}s; this class only turns what is typed
 * into one and a stored day back into what the field shows (the macro {@code dayField}).
 */
public final class DayEntry {

    private static final Pattern DAY = Pattern.compile("\\s*(\\d{1,4})\\s*[/.\\-]\\s*(\\d{1,2})\\s*[/.\\-]\\s*(\\d{1,2})\\s*");
    private static final ULocale PERSIAN = new ULocale("fa_IR@calendar=persian");

    private DayEntry() {
    }

    /**
     * The day typed into {@code field}; blank gives null (the caller decides whether it is required).
     *
     * @throws InvalidInput naming {@code field} when it is not a real day of the language's calendar
     */
    public static LocalDate parse(Language language, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        Matcher m = DAY.matcher(latinDigits(typed));
        if (!m.matches()) {
            throw new InvalidInput(field, "Not a day (" + (language == Language.FA ? "yyyy/mm/dd Solar Hijri" : "yyyy-mm-dd") + "): " + typed);
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (language == Language.EN) {
            try {
                return LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) {
                throw new InvalidInput(field, "Not a day: " + typed);
            }
        }
        // Plausible Solar Hijri years only: a Gregorian year typed into a Persian field is a mistake to show, not 2648 AD.
        if (year < 1200 || year > 1600) {
            throw new InvalidInput(field, "Not a Solar Hijri year: " + typed);
        }
        Calendar calendar = persian();
        calendar.setLenient(false);
        calendar.clear();
        calendar.set(year, month - 1, day);
        try {
            return Instant.ofEpochMilli(calendar.getTimeInMillis()).atOffset(ZoneOffset.UTC).toLocalDate();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "Not a Solar Hijri day: " + typed);
        }
    }

    /** What a field shows for a stored day: {@code ۱۴۰۳/۱۰/۲۱} in Persian, {@code 2025-01-10} in English; "" for none. */
    public static String shown(Language language, LocalDate day) {
        if (day == null) {
            return "";
        }
        if (language == Language.EN) {
            return day.toString();
        }
        Calendar calendar = persian();
        calendar.setTimeInMillis(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        return persianDigits(String.format("%04d/%02d/%02d", calendar.get(Calendar.YEAR),
                calendar.get(Calendar.MONTH) + 1, calendar.get(Calendar.DAY_OF_MONTH)));
    }

    static String persianDigits(String latin) {
        StringBuilder out = new StringBuilder(latin.length());
        for (char c : latin.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : c);
        }
        return out.toString();
    }

    /** {@link #shown} for an ISO text as the registry stores days; text that is not ISO is shown as it is. */
    public static String shown(Language language, String isoDay) {
        if (isoDay == null || isoDay.isBlank()) {
            return "";
        }
        try {
            return shown(language, LocalDate.parse(isoDay));
        } catch (java.time.format.DateTimeParseException e) {
            return isoDay;
        }
    }

    /** Persian (U+06F0…) and Arabic-Indic (U+0660…) digits as Latin ones, so either keyboard works. */
    static String latinDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= '۰' && c <= '۹') {
                out.append((char) ('0' + (c - '۰')));
            } else if (c >= '٠' && c <= '٩') {
                out.append((char) ('0' + (c - '٠')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Calendar persian() {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"), PERSIAN);
        return calendar;
    }
}
