package org.tavan.beneficiaries;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.tavan.audit.Actor;
import org.tavan.auth.Scope;
import org.tavan.demo.DemoData;

/** A small waiting list across several provinces, with assessments for each device class in the policy. */
public final class BeneficiaryDemo implements DemoData.Seed {

    private final Beneficiaries beneficiaries;

    public BeneficiaryDemo(Beneficiaries beneficiaries) {
        this.beneficiaries = beneficiaries;
    }

    @Override
    public String name() {
        return "beneficiaries";
    }

    private record Person(String prefix, String name, String birth, String sex, boolean whoh, String province,
                          String county, boolean rural, String centre, int monthsAgo, String cls, int need,
                          String urgency, Map<String, String> m) {
    }

    @Override
    public void plant(Actor actor) {
        LocalDate today = LocalDate.now();
        List<Person> people = List.of(
                new Person("001234567", "زهرا حسینی", "1988-04-02", "female", true, "08", "ری", false, "C-08-REY",
                        14, "12.22", 4, "soon", Map.of("hip_width_mm", "400", "thigh_length_mm", "470", "body_mass_kg", "68")),
                new Person("002345678", "محمد رحیمی", "1975-09-11", "male", false, "04", "کاشان", false, "C-04-KSN",
                        9, "12.22", 5, "urgent", Map.of("hip_width_mm", "420", "thigh_length_mm", "490", "body_mass_kg", "92")),
                new Person("003456789", "علی موسوی", "2014-01-20", "male", false, "16", "زاهدان", true, "C-16-ZHD",
                        20, "12.22", 4, "soon", Map.of("hip_width_mm", "320", "thigh_length_mm", "430", "body_mass_kg", "35")),
                new Person("004567891", "فاطمه کریمی", "1962-07-30", "female", false, "11", "نیشابور", true, "C-11-NSH",
                        4, "12.06", 3, "routine", Map.of("wrist_height_mm", "760", "body_mass_kg", "74")),
                new Person("005678912", "حسین جعفری", "1990-12-05", "male", false, "13", "اهواز", false, "C-13-AHZ",
                        26, "06.24", 5, "urgent", Map.of("amputation_level", "transtibial", "body_mass_kg", "78")),
                new Person("006789123", "مریم صادقی", "1983-03-14", "female", true, "20", "سنندج", true, "C-20-SDJ",
                        7, "22.06", 3, "soon", Map.of("threshold_500_db", "45", "threshold_1000_db", "50",
                                "threshold_2000_db", "55", "threshold_4000_db", "60")),
                new Person("007891234", "رضا قاسمی", "2011-06-25", "male", false, "22", "اسلام‌آباد غرب", true, "C-22-KSH",
                        11, "22.06", 4, "urgent", Map.of("threshold_500_db", "55", "threshold_1000_db", "60",
                                "threshold_2000_db", "65", "threshold_4000_db", "70")),
                new Person("008912345", "سکینه نوری", "1958-10-08", "female", false, "17", "مرودشت", true, "C-17-SHZ",
                        30, "12.22", 3, "routine", Map.of("hip_width_mm", "380", "thigh_length_mm", "450", "body_mass_kg", "61")));
        for (Person p : people) {
            BeneficiaryView v = beneficiaries.register(new NewBeneficiary(NationalIds.withCheckDigit(p.prefix()), p.name(), p.birth(),
                    p.sex(), p.whoh(), p.province(), p.county(), p.rural(), p.centre(), "0912 000 0000",
                    today.minusMonths(p.monthsAgo()).toString(), true), Scope.NATIONAL, actor);
            beneficiaries.assess(v.id(), new NewAssessment(p.cls(), p.need(), p.urgency(),
                    p.rural() ? "روستایی، مسیر خاکی" : "شهری، آپارتمان با آسانسور", "مرکز جامع توانبخشی استان",
                    p.m(), today.minusMonths(p.monthsAgo()).plusDays(7).isAfter(today) ? today.toString()
                    : today.minusMonths(p.monthsAgo()).plusDays(7).toString()), Scope.NATIONAL, actor);
        }
    }
}
