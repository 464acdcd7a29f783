package org.tavan.beneficiaries;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NationalIdsTest {

    @Test
    void a_correct_check_digit_is_accepted_and_any_other_refused() {
        assertThat(NationalIds.valid("0084575948")).isTrue();
        for (char d = '0'; d <= '9'; d++) {
            if (d != '8') {
                assertThat(NationalIds.valid("008457594" + d)).as("check digit " + d).isFalse();
            }
        }
    }

    @Test
    void remainders_below_two_use_the_remainder_itself() {
        // 100000001: 1*10 + 1*2 = 12, 12 mod 11 = 1 -> check digit 1
        assertThat(NationalIds.valid("1000000011")).isTrue();
        assertThat(NationalIds.valid("1000000010")).isFalse();
    }

    @Test
    void wrong_length_letters_and_repeated_digits_are_refused() {
        assertThat(NationalIds.valid("008457594")).isFalse();
        assertThat(NationalIds.valid("00845759481")).isFalse();
        assertThat(NationalIds.valid("00845a5948")).isFalse();
        assertThat(NationalIds.valid("0000000000")).isFalse();
        assertThat(NationalIds.valid(null)).isFalse();
    }

    @Test
    void persian_digits_and_dashes_are_normalised() {
        assertThat(NationalIds.normalise("۰۰۸-۴۵۷۵۹۴-۸")).isEqualTo("0084575948");
    }

    @Test
    void the_hash_is_keyed_so_another_key_gives_another_hash() {
        NationalIds a = new NationalIds(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        NationalIds b = new NationalIds(other);
        assertThat(a.hash("0084575948")).hasSize(64).isEqualTo(a.hash("0084575948"))
                .isNotEqualTo(b.hash("0084575948")).doesNotContain("0084575948");
        assertThat(NationalIds.lastDigits("0084575948")).isEqualTo("948");
    }

    @org.junit.jupiter.api.Test
    void with_check_digit_makes_ids_that_pass_and_refuses_anything_but_nine_digits() {
        assertThat(NationalIds.withCheckDigit("008457594")).isEqualTo("0084575948");
        for (String prefix : java.util.List.of("001234567", "123456789", "987654321", "000000001")) {
            assertThat(NationalIds.valid(NationalIds.withCheckDigit(prefix))).as(prefix).isTrue();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NationalIds.withCheckDigit("12345678"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
