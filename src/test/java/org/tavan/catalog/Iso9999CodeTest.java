package org.tavan.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tavan.errors.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Iso9999CodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"12.22.03", "06.24", "22.06", "04.33.03"})
    void class_subclass_and_division_codes_are_accepted(String code) {
        assertThat(new Iso9999Code(code).value()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.22.3", "1222", "12-22-03", "12.22.03.01", "ab.cd", ""})
    void anything_else_is_refused_with_the_expected_format(String code) {
        assertThatThrownBy(() -> new Iso9999Code(code)).isInstanceOf(InvalidInput.class).hasMessageContaining("NN.NN");
    }
}
