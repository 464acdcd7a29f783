package org.tavan.beneficiaries;

import org.tavan.auth.Role;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** Personal data: every route here is for distribution officers and administrators only. */
public final class BeneficiaryRoutes {

    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    private final Beneficiaries beneficiaries;
    private final CsvImport csvImport;

    public BeneficiaryRoutes(Beneficiaries beneficiaries, CsvImport csvImport) {
        this.beneficiaries = beneficiaries;
        this.csvImport = csvImport;
    }

    public void addTo(Routes routes) {
        routes.tag("beneficiaries");
        routes.get("/api/provinces", Access.signedIn(), ctx -> ctx.json(Province.ALL))
                .summary("The 31 provinces with Tavan's codes").returnsListOf(Province.class);
        routes.get("/api/beneficiaries", OFFICERS, ctx -> {
            String province = ctx.queryParam("province");
            int limit = ctx.queryParamAsClass("limit", Integer.class).check(l -> l > 0 && l <= 1000, "1..1000")
                    .getOrDefault(200);
            ctx.json(beneficiaries.list(province, limit));
        }).summary("Registered people, oldest registration first (?province=08&limit=200)")
                .returnsListOf(BeneficiaryView.class);
        routes.post("/api/beneficiaries", OFFICERS, ctx -> ctx.status(201).json(beneficiaries.register(
                        ctx.bodyAsClass(NewBeneficiary.class), RequestContext.actor(ctx))))
                .summary("Register a person (national ID kept only as a keyed hash and its last 3 digits)")
                .body(NewBeneficiary.class).returns(BeneficiaryView.class);
        routes.get("/api/beneficiaries/{id}", OFFICERS, ctx -> ctx.json(beneficiaries.get(id(ctx))))
                .summary("A person with their assessments").returns(Beneficiaries.Record.class);
        routes.put("/api/beneficiaries/{id}", OFFICERS, ctx -> ctx.json(beneficiaries.update(id(ctx),
                        ctx.bodyAsClass(BeneficiaryChange.class), RequestContext.actor(ctx))))
                .summary("Correct a person's details (all registration fields, checked the same way; the national ID cannot be changed)")
                .body(BeneficiaryChange.class).returns(BeneficiaryView.class);
        routes.post("/api/beneficiaries/{id}/assessments", OFFICERS, ctx -> ctx.status(201).json(
                        beneficiaries.assess(id(ctx), ctx.bodyAsClass(NewAssessment.class), RequestContext.actor(ctx))))
                .summary("Record an assessment (WHO step 2)").body(NewAssessment.class).returns(AssessmentView.class);
        routes.post("/api/beneficiaries/import", OFFICERS, ctx -> ctx.json(
                        csvImport.importCsv(CsvImport.decode(ctx.bodyAsBytes()), RequestContext.actor(ctx))))
                .summary("Import people and assessments from CSV (text/csv body, UTF-8); all or nothing, re-import changes nothing")
                .consumes("text/csv")
                .returns(CsvImport.Result.class);
    }

    static long id(io.javalin.http.Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "Not a beneficiary id: " + ctx.pathParam("id"));
        }
    }
}
