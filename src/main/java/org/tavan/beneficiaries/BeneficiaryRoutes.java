package org.tavan.beneficiaries;

import java.util.List;

import org.tavan.auth.Role;
import org.tavan.auth.Scope;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** Personal data: every route here is for distribution officers and administrators only, each within their scope. */
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
            int limit = ctx.queryParamAsClass("limit", Integer.class).check(l -> l > 0 && l <= 10_000, "1..10000")
                    .getOrDefault(200);
            String format = ctx.queryParam("format");
            if (format != null && !format.equals("csv") && !format.equals("json")) {
                throw new InvalidInput("format", "format is csv or json");
            }
            List<Beneficiaries.Listed> people = beneficiaries.list(province, ctx.queryParam("q"), limit, scope(ctx));
            if ("csv".equals(format)) {
                ctx.contentType("text/csv; charset=utf-8").result(BeneficiaryRows.csv(people));
            } else {
                ctx.json(people);
            }
        }).summary("People in the caller's scope, oldest registration first, without phone or birth date "
                        + "(?province=08&q=<name or last 3 ID digits>&limit=200&format=csv; the CSV has no name either)")
                .returnsListOf(Beneficiaries.Listed.class);
        routes.post("/api/beneficiaries", OFFICERS, ctx -> ctx.status(201).json(beneficiaries.register(
                        ctx.bodyAsClass(NewBeneficiary.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Register a person (national ID kept only as a keyed hash and its last 3 digits)")
                .body(NewBeneficiary.class).returns(BeneficiaryView.class);
        routes.get("/api/beneficiaries/{id}", OFFICERS, ctx -> ctx.json(beneficiaries.get(id(ctx), scope(ctx))))
                .summary("A person with their assessments").returns(Beneficiaries.Record.class);
        routes.put("/api/beneficiaries/{id}", OFFICERS, ctx -> ctx.json(beneficiaries.update(id(ctx),
                        ctx.bodyAsClass(BeneficiaryChange.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Correct a person's details (all registration fields, checked the same way; the national ID cannot be changed)")
                .body(BeneficiaryChange.class).returns(BeneficiaryView.class);
        routes.post("/api/beneficiaries/{id}/assessments", OFFICERS, ctx -> ctx.status(201).json(
                        beneficiaries.assess(id(ctx), ctx.bodyAsClass(NewAssessment.class), scope(ctx),
                                RequestContext.actor(ctx))))
                .summary("Record an assessment (WHO step 2)").body(NewAssessment.class).returns(AssessmentView.class);
        routes.post("/api/beneficiaries/import", OFFICERS, ctx -> ctx.json(
                        csvImport.importCsv(CsvImport.decode(ctx.bodyAsBytes()), scope(ctx), RequestContext.actor(ctx))))
                .summary("Import people and assessments from CSV (text/csv body, UTF-8); all or nothing, re-import changes nothing")
                .consumes("text/csv")
                .returns(CsvImport.Result.class);
    }

    /** The signed-in officer's scope: every read and change here runs inside it. */
    static Scope scope(io.javalin.http.Context ctx) {
        return RequestContext.principal(ctx).scope();
    }

    static long id(io.javalin.http.Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "Not a beneficiary id: " + ctx.pathParam("id"));
        }
    }
}
