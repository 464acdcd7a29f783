package org.tavan.production;

import java.util.List;

import org.tavan.auth.Role;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.DeviceModel;
import org.tavan.catalog.Variant;
import org.tavan.offline.QueuedActions;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** Work orders, labels, the work-in-progress board and the floor's scan-and-step routes. */
public final class ProductionRoutes {

    private final Production production;
    private final Catalog catalog;
    private final FloorQueue queue;
    private final LabelSheet labels = new LabelSheet();

    public ProductionRoutes(Production production, Catalog catalog, FloorQueue queue) {
        this.production = production;
        this.catalog = catalog;
        this.queue = queue;
    }

    /** What the floor sends with start/complete/fail: the station the worker is at. */
    public record StepAction(String station, String note, String reason) {
    }

    public void addTo(Routes routes) {
        Access planners = Access.roles(Role.QUALITY, Role.ADMIN);
        Access floor = Access.roles(Role.FLOOR, Role.QUALITY, Role.ADMIN);
        Access staff = Access.roles(Role.FLOOR, Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
        routes.tag("production");
        routes.get("/api/production/work-orders", staff, ctx -> ctx.json(production.workOrders(ctx.queryParam("status"))))
                .summary("Work orders, newest first (filter: status open|released)").returnsListOf(WorkOrder.class);
        routes.post("/api/production/work-orders", planners, ctx -> ctx.status(201).json(production.createWorkOrder(
                        ctx.bodyAsClass(Production.NewWorkOrder.class), RequestContext.actor(ctx))))
                .summary("Ask for N units of a variant at a workshop by a due date")
                .body(Production.NewWorkOrder.class).returns(WorkOrder.class);
        routes.get("/api/production/work-orders/{id}", staff, ctx -> ctx.json(production.workOrder(id(ctx.pathParam("id")))))
                .summary("One work order").returns(WorkOrder.class);
        routes.get("/api/production/work-orders/{id}/units", staff, ctx -> ctx.json(production.serials(id(ctx.pathParam("id")))))
                .summary("Serial numbers of the order's units").returnsListOf(String.class);
        routes.post("/api/production/work-orders/{id}/release", planners, ctx -> ctx.json(production.release(
                        id(ctx.pathParam("id")), RequestContext.actor(ctx))))
                .summary("Create the units with serials and consume the bill of materials (409 stock_short if short)")
                .returns(Production.Released.class);
        routes.page("/production/work-orders/{id}/labels", staff, ctx -> {
                    long id = id(ctx.pathParam("id"));
                    LabelSheet.Layout layout = LabelSheet.Layout.parse(ctx.queryParam("layout"));
                    Variant variant = catalog.variant(production.workOrder(id).variantCode());
                    DeviceModel model = catalog.model(variant.modelCode());
                    List<LabelSheet.Label> sheet = production.serials(id).stream()
                            .map(s -> new LabelSheet.Label(s, model.nameFa(), model.name(), variant.name(), id)).toList();
                    ctx.contentType("text/html; charset=utf-8").result(labels.render(sheet, layout,
                            RequestContext.styleNonce(ctx)));
                })
                .summary("Print-ready page of QR labels (layout=a4-3x8 default, or roll-50x25)");
        routes.get("/api/production/board", staff, ctx -> ctx.json(production.board()))
                .summary("Work in progress: every unit not yet released, with its station").returns(Production.Board.class);
        routes.get("/api/production/units/{serial}", staff, ctx -> ctx.json(production.unit(ctx.pathParam("serial"))))
                .summary("One unit with its step history and time per step").returns(UnitView.class);

        routes.tag("floor");
        routes.get("/api/floor/units/{serial}", floor, ctx -> ctx.json(production.unit(ctx.pathParam("serial"))))
                .summary("Scanned or typed serial: the unit, its current station and the next action").returns(UnitView.class);
        routes.post("/api/floor/units/{serial}/start", floor, ctx -> {
                    StepAction a = ctx.bodyAsClass(StepAction.class);
                    ctx.json(production.start(ctx.pathParam("serial"), a.station(), RequestContext.actor(ctx)));
                })
                .summary("Start the unit's current step at this station (409 step_out_of_order otherwise)")
                .body(StepAction.class).returns(UnitView.class);
        routes.post("/api/floor/units/{serial}/complete", floor, ctx -> {
                    StepAction a = ctx.bodyAsClass(StepAction.class);
                    ctx.json(production.complete(ctx.pathParam("serial"), a.station(), a.note(), RequestContext.actor(ctx)));
                })
                .summary("Complete the started step; the unit moves to the next station").body(StepAction.class)
                .returns(UnitView.class);
        routes.post("/api/floor/units/{serial}/fail", floor, ctx -> {
                    StepAction a = ctx.bodyAsClass(StepAction.class);
                    ctx.json(production.fail(ctx.pathParam("serial"), a.station(), a.reason(), RequestContext.actor(ctx)));
                })
                .summary("Fail the started step with a reason; the unit goes to rework and back to this step")
                .body(StepAction.class).returns(UnitView.class);
        routes.post("/api/floor/actions", floor, ctx -> {
                    QueuedActions.Answer answer = queue.send(ctx.bodyAsClass(FloorQueue.FloorAction.class),
                            RequestContext.actor(ctx));
                    ctx.status(answer.status()).contentType("application/json").result(answer.body());
                })
                .summary("A tap a tablet queued (start, complete, fail) with its action id and tap time: applied once;"
                        + " the same id again returns the first answer (409 with the reason if it no longer fitted)")
                .body(FloorQueue.FloorAction.class);
    }

    static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new org.tavan.errors.InvalidInput("id", "'" + raw + "' is not a work order number");
        }
    }
}
