package org.tavan.beneficiaries;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered person's details as corrected by an officer ({@code PUT /api/beneficiaries/{id}}):
 * every field of a registration, checked the same way, except the national ID. The ID is kept
 * only as a keyed hash, so it cannot be corrected here; sending {@code nationalId} is refused
 * with a message saying so rather than with a generic "unknown field".
 */
public record BeneficiaryChange(String nationalId, String fullName, String birthDate, String sex,
                                Boolean womanHeadOfHousehold, String province, String county, Boolean rural,
                                String centre, String phone, String registeredOn, Boolean consent) {

    static final String NATIONAL_ID_FIXED = "the national ID cannot be changed by editing a person: it is stored only "
            + "as a keyed hash for finding duplicates; leave nationalId out (a wrongly registered ID needs a new registration)";

    List<NewBeneficiary.Problem> problems() {
        List<NewBeneficiary.Problem> p = new ArrayList<>();
        if (nationalId != null) {
            p.add(new NewBeneficiary.Problem("nationalId", NATIONAL_ID_FIXED));
        }
        p.addAll(asRegistration().detailProblems());
        return p;
    }

    NewBeneficiary asRegistration() {
        return new NewBeneficiary(null, fullName, birthDate, sex, womanHeadOfHousehold, province, county, rural, centre,
                phone, registeredOn, consent);
    }
}
