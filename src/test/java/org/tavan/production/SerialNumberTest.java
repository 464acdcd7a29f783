package org.tavan.production;

import org.junit.jupiter.api.Test;
import org.tavan.errors.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialNumberTest {

    @Test
    void a_made_serial_parses_back_including_from_lower_case_with_spaces() {
        SerialNumber serial = SerialNumber.of(2026, "TEH", "WCM", 17);
        assertThat(serial.value()).matches("TVN-26TEH-WCM-000017[0-9A-Z]");
        assertThat(SerialNumber.parse("  " + serial.value().toLowerCase() + " ")).isEqualTo(serial);
    }

    @Test
    void every_single_character_typo_is_caught_by_the_check_character() {
        String good = SerialNumber.of(2026, "TEH", "WCM", 123).value();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int caught = 0;
        int tried = 0;
        for (int i = 0; i < good.length() - 1; i++) {
            char original = good.charAt(i);
            if (original == '-') {
                continue;
            }
            for (char c : alphabet.toCharArray()) {
                if (c == original) {
                    continue;
                }
                String typo = good.substring(0, i) + c + good.substring(i + 1);
                tried++;
                try {
                    new SerialNumber(typo);
                } catch (InvalidInput e) {
                    caught++;
                }
            }
        }
        assertThat(caught).isEqualTo(tried);
    }

    @Test
    void swapped_neighbouring_digits_are_caught() {
        String good = SerialNumber.of(2026, "TEH", "WCM", 123).value();
        String swapped = good.replace("000123", "000213");
        assertThatThrownBy(() -> new SerialNumber(swapped)).isInstanceOf(InvalidInput.class).hasMessageContaining("check");
    }

    @Test
    void text_that_is_not_a_serial_is_refused_with_the_format() {
        assertThatThrownBy(() -> SerialNumber.parse("WC-40-17")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("TVN-<yy>");
    }
}
