package org.tavan.beneficiaries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tavan.beneficiaries.NewBeneficiary.Problem;

/**
 * An assessment (WHO step 2): the ISO 9999 device class needed, need level 1..5, urgency, the
 * measurements that decide fit for that class (keys as in the allocation policy's fit rules),
 * the person's environment and who referred them.
 */
public record NewAssessment(String deviceClass, Integer needLevel, String urgency, String environment,
                            String referralSource, Map<String, String> measurements, String assessedOn) {

    List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (deviceClass == null || !deviceClass.matches("[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2})?")) {
            p.add(new Problem("deviceClass", "must be an ISO 9999 code like 12.22 or 12.22.03"));
        }
        if (needLevel == null || needLevel < 1 || needLevel > 5) {
            p.add(new Problem("needLevel", "must be a whole number 1..5"));
        }
        // List.of(...).contains(null) throws: a missing field must be a 400, not a 500.
        if (urgency == null || !List.of("routine", "soon", "urgent").contains(urgency)) {
            p.add(new Problem("urgency", "must be routine, soon or urgent"));
        }
        NewBeneficiary.text(p, "environment", environment, 200);
        NewBeneficiary.text(p, "referralSource", referralSource, 120);
        if (measurements == null || measurements.isEmpty()) {
            p.add(new Problem("measurements", "at least one measurement is required"));
        } else {
            measurements.forEach((k, v) -> {
                if (k == null || !k.matches("[a-z][a-z0-9_]{0,40}")) {
                    p.add(new Problem("measurements", "name '" + k + "' must be lower case letters, digits and _"));
                } else if (v == null || v.isBlank() || v.length() > 40) {
                    p.add(new Problem("measurements", "value of " + k + " is required, at most 40 characters"));
                }
            });
        }
        NewBeneficiary.date(p, "assessedOn", assessedOn);
        return p;
    }

    /** Policy v3 counts waiting time from the assessment: one before the person's birth is refused. */
    List<Problem> problems(String birthDate) {
        List<Problem> p = problems();
        if (NewBeneficiary.before(assessedOn, birthDate)) {
            p.add(new Problem("assessedOn", "cannot be before the birth date"));
        }
        return p;
    }
}
