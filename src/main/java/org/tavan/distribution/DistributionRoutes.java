package org.tavan.distribution;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.auth.Scope;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

public final class DistributionRoutes {

    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    private final Distribution distribution;

    public DistributionRoutes(Distribution distribution) {
        this.distribution = distribution;
    }

    public void addTo(Routes routes) {
        routes.tag("distribution");
        routes.get("/api/distribution/cases", OFFICERS, ctx -> ctx.json(distribution.list(ctx.queryParam("status"), scope(ctx))))
                .summary("Service cases (?status=open|shipped|received|handed_over|fitted|trained|closed|returned)")
                .returnsListOf(Distribution.CaseView.class);
        routes.post("/api/distribution/cases", OFFICERS, ctx -> ctx.status(201).json(distribution.open(
                        ctx.bodyAsClass(Distribution.OpenCase.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Open the service case of an approved proposal (WHO steps 1-4 recorded)")
                .body(Distribution.OpenCase.class).returns(Distribution.CaseView.class);
        routes.get("/api/distribution/cases/{id}", OFFICERS, ctx -> ctx.json(distribution.get(id(ctx), scope(ctx))))
                .summary("A service case with its steps, shipment and follow-ups").returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/shipment", OFFICERS, ctx -> ctx.json(distribution.ship(id(ctx),
                        ctx.bodyAsClass(Distribution.Shipment.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Ship the reserved unit to the person's centre, with a packing list")
                .body(Distribution.Shipment.class).returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/receipt", OFFICERS, ctx -> ctx.json(distribution.receive(id(ctx),
                        ctx.bodyAsClass(Distribution.Receipt.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("The centre received the shipment (proof of delivery)")
                .body(Distribution.Receipt.class).returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/hand-over", OFFICERS, ctx -> ctx.json(distribution.handOver(id(ctx),
                        ctx.bodyAsClass(Distribution.HandOver.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Hand the unit over to the person, with a receipt (unit issued)")
                .body(Distribution.HandOver.class).returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/fitting", OFFICERS, ctx -> ctx.json(distribution.fitting(id(ctx),
                        ctx.bodyAsClass(Distribution.Fitting.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Record the fitting (WHO step 6), optionally with a fitting rig session id")
                .body(Distribution.Fitting.class).returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/training", OFFICERS, ctx -> ctx.json(distribution.training(id(ctx),
                        ctx.bodyAsClass(Distribution.Training.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Record user training (WHO step 7) and schedule follow-ups")
                .body(Distribution.Training.class).returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/follow-ups/{followUpId}", OFFICERS, ctx -> ctx.json(
                        distribution.followUp(id(ctx), longParam(ctx, "followUpId"),
                                ctx.bodyAsClass(Distribution.FollowUpResult.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Record a follow-up (WHO step 8); the case closes after the last one")
                .body(Distribution.FollowUpResult.class).returns(Distribution.CaseView.class);
        routes.post("/api/distribution/cases/{id}/return", OFFICERS, ctx -> ctx.json(distribution.returnUnit(id(ctx),
                        ctx.bodyAsClass(Distribution.Return.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("The person returns the unit: it goes to repair; optionally the person waits again")
                .body(Distribution.Return.class).returns(Distribution.CaseView.class);
    }

    /** The signed-in officer's scope: a case outside it is not found. */
    static Scope scope(Context ctx) {
        return RequestContext.principal(ctx).scope();
    }

    private static long id(Context ctx) {
        return longParam(ctx, "id");
    }

    private static long longParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "Not an id: " + ctx.pathParam(name));
        }
    }
}
