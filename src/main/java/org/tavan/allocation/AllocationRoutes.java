package org.tavan.allocation;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.auth.Scope;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

public final class AllocationRoutes {

    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    private final Allocations allocations;
    private final ReleasedUnits units;

    public AllocationRoutes(Allocations allocations, ReleasedUnits units) {
        this.allocations = allocations;
        this.units = units;
    }

    public void addTo(Routes routes) {
        routes.tag("allocation");
        routes.get("/api/allocation/policy", OFFICERS, ctx -> ctx.json(allocations.policy()))
                .summary("The published allocation policy in force (priority points, fit rules, shares)")
                .returns(Policy.class);
        routes.get("/api/allocation/units", OFFICERS, ctx -> ctx.json(units.all()))
                .summary("Finished units on the stock ledger with their variant specs, device class, location and status").returnsListOf(ReleasedUnits.UnitView.class);
        routes.post("/api/allocation/runs", OFFICERS, ctx -> ctx.status(201).json(
                        allocations.run(scope(ctx), RequestContext.actor(ctx))))
                .summary("Run the matcher over the country; keeps the proposals of the caller's scope, superseding its older undecided ones").returns(Allocations.RunView.class);
        routes.get("/api/allocation/proposals", OFFICERS, ctx -> ctx.json(allocations.proposals(
                        ctx.queryParam("status"), ctx.queryParam("province"),
                        ctx.queryParamAsClass("limit", Integer.class).check(l -> l > 0 && l <= 10_000, "1..10000")
                                .getOrDefault(500), scope(ctx))))
                .summary("Proposals with their reasons, highest priority first (?status=proposed&province=08)")
                .returnsListOf(Allocations.ProposalView.class);
        routes.get("/api/allocation/proposals/{id}", OFFICERS, ctx -> ctx.json(allocations.get(id(ctx), scope(ctx))))
                .summary("One proposal with its reasons").returns(Allocations.ProposalView.class);
        routes.post("/api/allocation/proposals/{id}/approve", OFFICERS, ctx -> ctx.json(
                        allocations.approve(id(ctx), scope(ctx), RequestContext.actor(ctx))))
                .summary("Approve: reserves the unit for the person").returns(Allocations.ProposalView.class);
        routes.post("/api/allocation/proposals/{id}/reject", OFFICERS, ctx -> ctx.json(allocations.reject(id(ctx),
                        ctx.bodyAsClass(Allocations.Decision.class).reason(), scope(ctx), RequestContext.actor(ctx))))
                .summary("Reject with a reason (audited)").body(Allocations.Decision.class)
                .returns(Allocations.ProposalView.class);
        routes.post("/api/allocation/manual", OFFICERS, ctx -> ctx.status(201).json(allocations.manual(
                        ctx.bodyAsClass(Allocations.ManualAssignment.class), scope(ctx), RequestContext.actor(ctx))))
                .summary("Manual override: assign a fitting unit to an assessment, with a reason (audited)")
                .body(Allocations.ManualAssignment.class).returns(Allocations.ProposalView.class);
        routes.get("/api/allocation/fairness", OFFICERS, ctx -> ctx.json(allocations.fairness(scope(ctx))))
                .summary("Allocations against registered need by province and group, waiting time, shares")
                .returns(FairnessReport.class);
    }

    /** The signed-in officer's scope: lists, proposals, runs and the fairness report stay inside it. */
    static Scope scope(Context ctx) {
        return RequestContext.principal(ctx).scope();
    }

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "Not an id: " + ctx.pathParam("id"));
        }
    }
}
