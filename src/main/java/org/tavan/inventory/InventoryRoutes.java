package org.tavan.inventory;

import java.util.Map;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** Stock screens and the few stock operations done by hand (receipts, transfers, counts). */
public final class InventoryRoutes {

    private final Stock stock;
    private final Shipments shipments;

    public InventoryRoutes(Stock stock, Shipments shipments) {
        this.stock = stock;
        this.shipments = shipments;
    }

    public record Receipt(String sku, String location, Long quantity, String note) {
    }

    /** Either {@code serial} (a finished unit) or {@code sku} + {@code quantity} (components). */
    public record Transfer(String serial, String sku, String from, String to, Long quantity, String note) {
    }

    public record Count(String sku, String location, Long counted, String note) {
    }

    public void addTo(Routes routes) {
        Access staff = Access.signedIn();
        Access keepers = Access.roles(Role.ADMIN, Role.QUALITY, Role.DISTRIBUTION);
        routes.tag("inventory");
        routes.get("/api/inventory/locations", staff, ctx -> ctx.json(stock.locations()))
                .summary("Stock locations: workshop → national warehouse → provincial warehouse → centre")
                .returnsListOf(Location.class);
        routes.post("/api/inventory/locations", Access.roles(Role.ADMIN), ctx -> ctx.status(201).json(
                        stock.createLocation(ctx.bodyAsClass(Stock.NewLocation.class), RequestContext.actor(ctx))))
                .summary("Add a stock location").body(Stock.NewLocation.class).returns(Location.class);
        routes.get("/api/inventory/items", staff, ctx -> ctx.json(stock.items()))
                .summary("Stock items (components and finished products)").returnsListOf(StockItem.class);
        routes.post("/api/inventory/items", Access.roles(Role.ADMIN, Role.QUALITY), ctx -> ctx.status(201).json(
                        stock.createItem(ctx.bodyAsClass(Stock.NewItem.class), RequestContext.actor(ctx))))
                .summary("Add a component (with reorder level)").body(Stock.NewItem.class).returns(StockItem.class);
        routes.get("/api/inventory/balances", staff, ctx -> ctx.json(stock.balances(
                        ctx.queryParam("location"), ctx.queryParam("sku"))))
                .summary("Quantities on hand, derived from the ledger (filters: location, sku)").returnsListOf(OnHand.class);
        routes.get("/api/inventory/reorder-alerts", staff, ctx -> ctx.json(stock.reorderAlerts(ctx.queryParam("location"))))
                .summary("Components below their reorder level").returnsListOf(OnHand.class);
        routes.get("/api/inventory/ledger", staff, ctx -> ctx.json(stock.ledger(ctx.queryParam("sku"),
                        ctx.queryParam("location"), ctx.queryParam("serial"), limit(ctx))))
                .summary("Ledger rows, newest first (filters: sku, location, serial, limit ≤ 1000)")
                .returnsListOf(Movement.class);
        routes.get("/api/inventory/units", staff, ctx -> ctx.json(stock.units(ctx.queryParam("sku"),
                        ctx.queryParam("location"), ctx.queryParam("status"))))
                .summary("Serialized units in stock (filters: sku, location, status)").returnsListOf(StockUnit.class);
        routes.get("/api/inventory/units/{serial}", staff, ctx -> ctx.json(stock.unit(ctx.pathParam("serial"))))
                .summary("One serialized unit: its location and status").returns(StockUnit.class);
        routes.post("/api/inventory/receipts", keepers, ctx -> {
                    Receipt r = ctx.bodyAsClass(Receipt.class);
                    long qty = r.quantity() == null ? 0 : r.quantity();
                    ctx.status(201).json(stock.receive(r.sku(), r.location(), qty,
                            StockRef.none(), RequestContext.actor(ctx), r.note()));
                })
                .summary("Components received at a location").body(Receipt.class).returnsListOf(Movement.class);
        routes.post("/api/inventory/transfers", keepers, ctx -> {
                    Transfer t = ctx.bodyAsClass(Transfer.class);
                    if (t.to() == null) {
                        throw new InvalidInput("to", "Name the location to transfer to");
                    }
                    ctx.status(201).json(t.serial() != null
                            ? stock.transferUnit(t.serial(), t.to(), StockRef.none(), RequestContext.actor(ctx))
                            : stock.transferQuantity(t.sku(), t.from(), t.to(), t.quantity() == null ? 0 : t.quantity(),
                            StockRef.none(), RequestContext.actor(ctx)));
                })
                .summary("Move a unit (serial) or a quantity of a component (sku, from, quantity) to another location")
                .body(Transfer.class).returnsListOf(Movement.class);
        routes.post("/api/inventory/counts", keepers, ctx -> {
                    Count c = ctx.bodyAsClass(Count.class);
                    if (c.counted() == null) {
                        throw new InvalidInput("counted", "Give the counted quantity");
                    }
                    ctx.status(201).json(Map.of("adjustment", stock.recordCount(c.sku(),
                            c.location(), c.counted(), RequestContext.actor(ctx), c.note()).map(Object.class::cast)
                            .orElse("none")));
                })
                .summary("Record a cycle count; a variance becomes a count_adjustment row").body(Count.class);
        routes.get("/api/inventory/shipments", staff, ctx -> ctx.json(shipments.list(ctx.queryParam("status"),
                        ctx.queryParam("location"))))
                .summary("Shipments, newest first (filters: status dispatched|received, location at either end)")
                .returnsListOf(Shipments.ShipmentView.class);
        routes.get("/api/inventory/shipments/{id}", staff, ctx -> ctx.json(shipments.get(shipmentId(ctx))))
                .summary("One shipment with its packing list").returns(Shipments.ShipmentView.class);
        routes.post("/api/inventory/shipments", keepers, ctx -> ctx.status(201).json(shipments.dispatch(
                        ctx.bodyAsClass(Shipments.NewShipment.class), RequestContext.actor(ctx))))
                .summary("Dispatch a shipment: units by serial and components by sku stay on the sender's books, "
                        + "committed, until received").body(Shipments.NewShipment.class).returns(Shipments.ShipmentView.class);
        routes.post("/api/inventory/shipments/{id}/receipt", keepers, ctx -> ctx.json(shipments.receive(shipmentId(ctx),
                        ctx.bodyAsClass(Shipments.Receipt.class), RequestContext.actor(ctx))))
                .summary("Receive a shipment with a proof of delivery: every line moves to the destination")
                .body(Shipments.Receipt.class).returns(Shipments.ShipmentView.class);
    }

    private static long shipmentId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "Not a shipment id: " + ctx.pathParam("id"));
        }
    }

    private static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return 200;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit < 1 || limit > 1000) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "limit must be a whole number from 1 to 1000");
        }
    }
}
