package org.tavan.distribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.tavan.allocation.DeviceClassNames;
import org.tavan.allocation.Translations;
import org.tavan.auth.Role;
import org.tavan.beneficiaries.AssessmentView;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.BeneficiaryChange;
import org.tavan.beneficiaries.BeneficiaryView;
import org.tavan.beneficiaries.NewBeneficiary;
import org.tavan.beneficiaries.Province;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.ui.DayEntry;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Pages;

/**
 * A registered person on the officer's tablet: registration details, assessments with their
 * status, and service cases; and the form that corrects the details through the same service
 * as {@code PUT /api/beneficiaries/{id}} (checked and audited the same way). Personal data:
 * officers and administrators only.
 */
public final class PersonPages {

    static final String PEOPLE = "/distribution/people";
    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    static final List<String> FIELDS = List.of("fullName", "birthDate", "sex", "womanHeadOfHousehold", "province",
            "county", "rural", "centre", "phone", "registeredOn", "consent");

    private final Pages pages;
    private final Beneficiaries beneficiaries;
    private final Distribution distribution;

    public PersonPages(Pages pages, Beneficiaries beneficiaries, Distribution distribution) {
        this.pages = pages;
        this.beneficiaries = beneficiaries;
        this.distribution = distribution;
    }

    public void addTo(Routes routes) {
        routes.tag("distribution");
        routes.page(PEOPLE + "/{id}", OFFICERS, this::show)
                .summary("A registered person: details, assessments and service cases");
        routes.page(PEOPLE + "/{id}/edit", OFFICERS, ctx -> {
            BeneficiaryView p = beneficiaries.get(id(ctx), DistributionRoutes.scope(ctx)).person();
            Map<String, String> values = valuesOf(p);
            for (String day : List.of("birthDate", "registeredOn")) {
                values.put(day, DayEntry.shown(pages.language(ctx), values.get(day)));
            }
            form(ctx, p, values, Map.of());
        }).summary("Form to correct a person's details");
        routes.pagePost(PEOPLE + "/{id}", OFFICERS, this::save)
                .summary("Correct a person's details from the form (as PUT /api/beneficiaries/{id})");
    }

    private void show(Context ctx) {
        Language language = pages.language(ctx);
        Beneficiaries.Record record = beneficiaries.get(id(ctx), DistributionRoutes.scope(ctx));
        List<Distribution.CaseView> theirCases = distribution.ofPerson(record.person().id(), DistributionRoutes.scope(ctx));
        List<String> classes = new ArrayList<>();
        record.assessments().forEach(a -> classes.add(a.deviceClass()));
        theirCases.forEach(c -> classes.add(c.deviceClass()));
        Map<String, Object> model = new HashMap<>();
        model.put("person", record.person());
        model.put("assessments", record.assessments());
        model.put("cases", theirCases);
        model.put("provinceName", provinceName(language, record.person().province()));
        model.put("deviceClasses", DeviceClassNames.of(texts(language), classes));
        model.put("saved", ctx.queryParam("saved") != null);
        model.put("waiting", record.assessments().stream().anyMatch(a -> a.status().equals(AssessmentView.WAITING)));
        pages.render(ctx, "distribution/person", model);
    }

    private void save(Context ctx) {
        long id = id(ctx);
        BeneficiaryView existing = beneficiaries.get(id, DistributionRoutes.scope(ctx)).person();
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String v = ctx.formParam(field);
            values.put(field, v == null ? "" : v.strip());
        }
        // Check boxes send nothing when unticked.
        for (String flag : List.of("womanHeadOfHousehold", "rural", "consent")) {
            values.put(flag, String.valueOf(ctx.formParam(flag) != null));
        }
        // Days are typed in the page's calendar (Solar Hijri in Persian) and stored as ISO days.
        Language language = pages.language(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> iso = new HashMap<>();
        for (String day : List.of("birthDate", "registeredOn")) {
            try {
                java.time.LocalDate parsed = DayEntry.parse(language, day, values.get(day));
                iso.put(day, parsed == null ? "" : parsed.toString());
            } catch (InvalidInput e) {
                errors.put(day, fieldError(ctx, day, e.getMessage()));
                // Sent on as a day the service refuses, so it still reports every other problem in the same answer.
                iso.put(day, "?");
            }
        }
        BeneficiaryChange change = new BeneficiaryChange(null, values.get("fullName"), iso.get("birthDate"),
                values.get("sex"), Boolean.valueOf(values.get("womanHeadOfHousehold")), values.get("province"),
                values.get("county"), Boolean.valueOf(values.get("rural")), values.get("centre"), values.get("phone"),
                iso.get("registeredOn"), Boolean.valueOf(values.get("consent")));
        try {
            beneficiaries.update(id, change, DistributionRoutes.scope(ctx), RequestContext.actor(ctx));
            ctx.redirect(PEOPLE + "/" + id + "?saved=1");
        } catch (InvalidInput e) {
            Object problems = e.details().get("problems");
            if (problems instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof NewBeneficiary.Problem p) {
                        errors.putIfAbsent(p.field(), fieldError(ctx, p.field(), p.message()));
                    }
                }
            }
            errors.putIfAbsent(e.field(), fieldError(ctx, e.field(), e.getMessage()));
            ctx.status(400);
            form(ctx, existing, values, errors);
        }
    }

    private void form(Context ctx, BeneficiaryView person, Map<String, String> values, Map<String, String> errors) {
        Language language = pages.language(ctx);
        Map<String, String> provinceNames = new LinkedHashMap<>();
        // Only the provinces the officer may register people in (moving a person out of the scope is refused).
        org.tavan.auth.Scope scope = DistributionRoutes.scope(ctx);
        Province.ALL.stream().filter(p -> scope.national() || scope.provinces().contains(p.code()))
                .forEach(p -> provinceNames.put(p.code(), provinceName(language, p.code())));
        Map<String, Object> model = new HashMap<>();
        model.put("person", person);
        model.put("values", values);
        model.put("errors", errors);
        model.put("provinceNames", provinceNames);
        pages.render(ctx, "distribution/person_form", model);
    }

    private String fieldError(Context ctx, String field, String message) {
        String key = "person.error." + field;
        return pages.messages().has(key) ? pages.text(ctx, key) : message;
    }

    static Map<String, String> valuesOf(BeneficiaryView p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("fullName", p.fullName());
        v.put("birthDate", p.birthDate());
        v.put("sex", p.sex());
        v.put("womanHeadOfHousehold", String.valueOf(p.womanHeadOfHousehold()));
        v.put("province", p.province());
        v.put("county", p.county());
        v.put("rural", String.valueOf(p.rural()));
        v.put("centre", p.centre());
        v.put("phone", p.phone() == null ? "" : p.phone());
        v.put("registeredOn", p.registeredOn());
        v.put("consent", String.valueOf(p.consent()));
        return v;
    }

    static String provinceName(Language language, String code) {
        return Province.byCode(code).map(p -> language == Language.FA ? p.nameFa() : p.nameEn()).orElse(code);
    }

    static long id(Context ctx) {
        return longParam(ctx, "id");
    }

    static long longParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "Not an id: " + ctx.pathParam(name));
        }
    }

    private Translations texts(Language language) {
        return Translations.of(pages.messages()::has, (k, a) -> pages.messages().text(language, k, a), language == Language.FA);
    }
}
