package org.tavan.beneficiaries;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A registration as typed or imported; {@link #problems()} lists every field that is wrong. */
public record NewBeneficiary(String nationalId, String fullName, String birthDate, String sex,
                             Boolean womanHeadOfHousehold, String province, String county, Boolean rural,
                             String centre, String phone, String registeredOn, Boolean consent) {

    /** A field and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (!NationalIds.valid(NationalIds.normalise(nationalId))) {
            p.add(new Problem("nationalId", "not a valid national ID: 10 digits with a correct check digit"));
        }
        p.addAll(detailProblems());
        return p;
    }

    /** Everything but the national ID: what an edit of a registered person must also satisfy. */
    List<Problem> detailProblems() {
        List<Problem> p = new ArrayList<>();
        text(p, "fullName", fullName, 120);
        date(p, "birthDate", birthDate);
        if (!"female".equals(sex) && !"male".equals(sex)) {
            p.add(new Problem("sex", "must be female or male"));
        }
        if (womanHeadOfHousehold == null) {
            p.add(new Problem("womanHeadOfHousehold", "must be true or false"));
        } else if (womanHeadOfHousehold && "male".equals(sex)) {
            p.add(new Problem("womanHeadOfHousehold", "can only be true for a woman"));
        }
        if (province == null || Province.byCode(province).isEmpty()) {
            p.add(new Problem("province", "must be a province code 01..31"));
        }
        text(p, "county", county, 80);
        if (rural == null) {
            p.add(new Problem("rural", "must be true or false"));
        }
        text(p, "centre", centre, 80);
        if (phone != null && !phone.isBlank() && !phone.matches("[0-9+ ]{4,20}")) {
            p.add(new Problem("phone", "digits, spaces and + only, 4 to 20 characters"));
        }
        date(p, "registeredOn", registeredOn);
        if (before(registeredOn, birthDate)) {
            p.add(new Problem("registeredOn", "cannot be before the birth date"));
        }
        if (!Boolean.TRUE.equals(consent)) {
            p.add(new Problem("consent", "the person's consent is required to register them"));
        }
        return p;
    }

    static void text(List<Problem> p, String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            p.add(new Problem(field, "required, at most " + max + " characters"));
        }
    }

    /** Both valid dates and the first before the second (an impossible registration or assessment date). */
    static boolean before(String first, String second) {
        try {
            return LocalDate.parse(first).isBefore(LocalDate.parse(second));
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    static void date(List<Problem> p, String field, String value) {
        try {
            LocalDate d = LocalDate.parse(value == null ? "" : value);
            if (d.getYear() < 1900 || d.isAfter(LocalDate.now().plusDays(1))) {
                p.add(new Problem(field, "must be a date between 1900 and today"));
            }
        } catch (DateTimeParseException e) {
            p.add(new Problem(field, "must be a date like 2026-03-21"));
        }
    }
}
