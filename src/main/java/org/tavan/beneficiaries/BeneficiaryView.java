package org.tavan.beneficiaries;

/** A registered person as distribution officers see them; the national ID only by its last three digits. */
public record BeneficiaryView(long id, String nationalIdLast, String fullName, String birthDate, String sex,
                              boolean womanHeadOfHousehold, String province, String county, boolean rural,
                              String centre, String phone, String registeredOn, boolean consent) {
}
