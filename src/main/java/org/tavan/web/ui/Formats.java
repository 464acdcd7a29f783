package org.tavan.web.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.TimeZone;

/**
 * Dates and numbers as people read them: Persian gets the Solar Hijri calendar and Persian
 * digits (۱۴۰۵/۰۹/۰۴), English gets ISO-like Gregorian dates (2026-11-25). ICU formatters are
 * not thread-safe and cheap to make, so each call makes its own.
 */
final class Formats {

    private final ZoneId zone;

    Formats(ZoneId zone) {
        this.zone = zone;
    }

    String date(Language language, Instant at) {
        return format(language, at, language == Language.FA ? "y/MM/dd" : "yyyy-MM-dd");
    }

    /**
     * A calendar day (a registration or birth date, stored as ISO yyyy-mm-dd): the day is taken
     * at its start in the formatter's own zone, so it shows as the same day, in Solar Hijri for Persian.
     */
    String day(Language language, LocalDate day) {
        return date(language, day.atStartOfDay(zone).toInstant());
    }

    String dateTime(Language language, Instant at) {
        return format(language, at, language == Language.FA ? "y/MM/dd، HH:mm" : "yyyy-MM-dd HH:mm");
    }

    /** Weekday, day, month name and year, for the header: "چهارشنبه ۴ آذر ۱۴۰۵" / "Wednesday 25 November 2026". */
    String longDate(Language language, Instant at) {
        // Spelled out rather than ICU's FULL style, which puts a Latin comma into the Persian date.
        return format(language, at, "EEEE d MMMM y");
    }

    String number(Language language, Number n) {
        return NumberFormat.getInstance(language.icu()).format(n);
    }

    private String format(Language language, Instant at, String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, language.icu());
        format.setTimeZone(TimeZone.getTimeZone(zone.getId()));
        return format.format(Date.from(at));
    }
}
