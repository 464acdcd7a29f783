package org.tavan.beneficiaries;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Policy v3 counts waiting from the assessment: a registration or an assessment before the person's birth is refused. */
class ImpossibleDatesTest {

    static NewBeneficiary person(String birth, String registered) {
        return new NewBeneficiary(NationalIds.withCheckDigit("001234567"), "زهرا", birth, "female", false, "08", "ری",
                false, "مرکز", null, registered, true);
    }

    static NewAssessment assessed(String on) {
        return new NewAssessment("12.22", 3, "soon", "شهری", "بیمارستان", Map.of("hip_width_mm", "380"), on);
    }

    @Test
    void a_registration_before_birth_is_refused_naming_the_field() {
        assertThat(person("2014-05-01", "1950-01-01").problems()).extracting(NewBeneficiary.Problem::field)
                .containsExactly("registeredOn");
        assertThat(person("2014-05-01", "2020-01-01").problems()).isEmpty();
    }

    @Test
    void an_assessment_before_birth_is_refused_and_one_after_is_accepted() {
        assertThat(assessed("2010-01-01").problems("2014-05-01")).extracting(NewBeneficiary.Problem::field)
                .containsExactly("assessedOn");
        assertThat(assessed("2024-01-01").problems("2014-05-01")).isEmpty();
        assertThat(assessed("2030-01-01").problems("2014-05-01")).extracting(NewBeneficiary.Problem::field)
                .containsExactly("assessedOn");
    }
}
