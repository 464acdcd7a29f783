package org.tavan.web.ui;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.tavan.errors.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayEntryTest {

    @Test
    void a_persian_day_is_read_in_solar_hijri_with_persian_arabic_or_latin_digits() {
        assertThat(DayEntry.parse(Language.FA, "d", "۱۴۰۳/۱۲/۱۱")).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(DayEntry.parse(Language.FA, "d", "1394/6/20")).isEqualTo(LocalDate.of(2015, 9, 11));
        assertThat(DayEntry.parse(Language.FA, "d", " ١٤٠٤-٠١-٠١ ")).isEqualTo(LocalDate.of(2025, 3, 21));
        assertThat(DayEntry.parse(Language.FA, "d", "1403.12.30")).isEqualTo(LocalDate.of(2025, 3, 20));
        assertThat(DayEntry.parse(Language.FA, "d", "")).isNull();
    }

    @Test
    void a_day_that_is_not_in_the_calendar_names_the_field() {
        // 1404 is not a leap year: Esfand has 29 days; month 7 onwards has 30.
        for (String wrong : new String[] {"1404/12/30", "1403/07/31", "1403/13/01", "2025-01-10", "tomorrow", "1403/10"}) {
            assertThatThrownBy(() -> DayEntry.parse(Language.FA, "birthDate", wrong))
                    .as(wrong).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("birthDate"));
        }
        assertThatThrownBy(() -> DayEntry.parse(Language.EN, "due", "2025-02-30")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void an_english_day_is_iso_gregorian() {
        assertThat(DayEntry.parse(Language.EN, "d", "2025-01-10")).isEqualTo(LocalDate.of(2025, 1, 10));
        assertThat(DayEntry.shown(Language.EN, LocalDate.of(2025, 1, 10))).isEqualTo("2025-01-10");
    }

    @Test
    void a_stored_day_is_shown_back_in_solar_hijri_and_reads_back_as_the_same_day() {
        assertThat(DayEntry.shown(Language.FA, "2025-03-01")).isEqualTo("۱۴۰۳/۱۲/۱۱");
        assertThat(DayEntry.shown(Language.FA, LocalDate.of(2025, 3, 21))).isEqualTo("۱۴۰۴/۰۱/۰۱");
        for (LocalDate day = LocalDate.of(2023, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
            assertThat(DayEntry.parse(Language.FA, "d", DayEntry.shown(Language.FA, day))).isEqualTo(day);
        }
    }
}
