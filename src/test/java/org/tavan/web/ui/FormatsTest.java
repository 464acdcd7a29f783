package org.tavan.web.ui;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final Instant AT = Instant.parse("2026-11-25T07:30:00Z");
    private final Formats formats = new Formats(ZoneId.of("Asia/Tehran"));

    @Test
    void persian_dates_are_solar_hijri_with_persian_digits() {
        assertThat(formats.date(Language.FA, AT)).isEqualTo("۱۴۰۵/۰۹/۰۴");
        assertThat(formats.dateTime(Language.FA, AT)).isEqualTo("۱۴۰۵/۰۹/۰۴، ۱۱:۰۰");
        assertThat(formats.longDate(Language.FA, AT)).isEqualTo("چهارشنبه ۴ آذر ۱۴۰۵");
    }

    @Test
    void english_dates_are_gregorian_and_iso_like() {
        assertThat(formats.date(Language.EN, AT)).isEqualTo("2026-11-25");
        assertThat(formats.dateTime(Language.EN, AT)).isEqualTo("2026-11-25 11:00");
        assertThat(formats.longDate(Language.EN, AT)).isEqualTo("Wednesday 25 November 2026");
    }

    @Test
    void persian_numbers_use_persian_digits() {
        assertThat(formats.number(Language.FA, 1234567)).isEqualTo("۱٬۲۳۴٬۵۶۷");
        assertThat(formats.number(Language.EN, 1234567)).isEqualTo("1,234,567");
        assertThat(formats.number(Language.FA, 2.5)).isEqualTo("۲٫۵");
    }

    @Test
    void dates_follow_the_configured_time_zone() {
        Instant lateEvening = Instant.parse("2026-11-24T21:00:00Z");
        assertThat(new Formats(ZoneId.of("UTC")).date(Language.EN, lateEvening)).isEqualTo("2026-11-24");
        assertThat(new Formats(ZoneId.of("Asia/Tehran")).date(Language.EN, lateEvening)).isEqualTo("2026-11-25");
    }
}
