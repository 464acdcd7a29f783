package org.tavan.inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Pages;

/**
 * The storekeeper's tablet page: what is running low, what is on the road to or from a place
 * (received here with the proof of delivery), the balances of a place, and a cycle count. Every
 * form calls the same {@link Stock} and {@link Shipments} methods as the API, so the ledger and
 * audit rows are the API's; a refused form shows why and changes nothing.
 */
public final class StockPages {

    private static final Access KEEPERS = Access.roles(Role.ADMIN, Role.QUALITY, Role.DISTRIBUTION);

    private final Stock stock;
    private final Shipments shipments;
    private final Pages pages;

    public StockPages(Stock stock, Shipments shipments, Pages pages) {
        this.stock = stock;
        this.shipments = shipments;
        this.pages = pages;
    }

    public void addTo(Routes routes) {
        routes.tag("inventory pages");
        routes.page(HomeTiles.INVENTORY, KEEPERS, ctx -> show(ctx, Map.of(), Map.of()))
                .summary("Stock: reorder alerts, shipments on the road, balances of a place, cycle count");
        routes.pagePost(HomeTiles.INVENTORY + "/shipments/{id}/receive", KEEPERS, this::receive)
                .summary("Form: receive a shipment with the proof of delivery");
        routes.pagePost(HomeTiles.INVENTORY + "/counts", KEEPERS, this::count)
                .summary("Form: record a cycle count of a component at a place");
    }

    private void receive(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "Not a shipment id: " + ctx.pathParam("id"));
        }
        try {
            shipments.receive(id, new Shipments.Receipt(ctx.formParam("receivedBy"), ctx.formParam("proofOfDelivery")),
                    RequestContext.actor(ctx));
            ctx.redirect(HomeTiles.INVENTORY + "?received=" + id);
        } catch (InvalidInput | Conflict | NotFound e) {
            refused(ctx, e, Map.of("shipment", id, "receivedBy", value(ctx, "receivedBy"),
                    "proofOfDelivery", value(ctx, "proofOfDelivery")));
        }
    }

    private void count(Context ctx) {
        String sku = value(ctx, "sku");
        String location = value(ctx, "location");
        try {
            long counted;
            try {
                counted = Long.parseLong(value(ctx, "counted").strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("counted", "Give the counted quantity as a whole number");
            }
            stock.recordCount(sku, location, counted, RequestContext.actor(ctx),
                    value(ctx, "note").isBlank() ? null : value(ctx, "note").strip());
            ctx.redirect(HomeTiles.INVENTORY + "?location=" + URLEncoder.encode(location, StandardCharsets.UTF_8)
                    + "&counted=" + URLEncoder.encode(sku, StandardCharsets.UTF_8));
        } catch (InvalidInput | Conflict | NotFound e) {
            refused(ctx, e, Map.of("sku", sku, "location", location, "counted", value(ctx, "counted"),
                    "note", value(ctx, "note")));
        }
    }

    private void refused(Context ctx, RuntimeException e, Map<String, Object> values) {
        String code = e instanceof InvalidInput invalid ? invalid.field()
                : e instanceof Conflict conflict ? conflict.reason() : "not_found";
        ctx.status(e instanceof Conflict ? 409 : e instanceof NotFound ? 404 : 400);
        show(ctx, Map.of("form", pages.textOr(ctx, "stock.error." + code, e.getMessage())), values);
    }

    private void show(Context ctx, Map<String, String> errors, Map<String, Object> values) {
        String location = ctx.queryParam("location");
        if (location != null && location.isBlank()) {
            location = null;
        }
        List<Location> locations = stock.locations();
        if (location != null && locations.stream().noneMatch(l -> l.code().equals(ctx.queryParam("location")))) {
            throw new InvalidInput("location", "No location '" + location + "'");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("locations", locations);
        model.put("location", location == null ? "" : location);
        model.put("alerts", stock.reorderAlerts(location));
        model.put("onTheRoad", shipments.list("dispatched", location));
        model.put("balances", location == null ? List.of() : stock.balances(location, null));
        model.put("components", stock.items().stream().filter(i -> i.kind().equals(StockItem.COMPONENT)).toList());
        model.put("errors", errors);
        model.put("values", new LinkedHashMap<>(values));
        model.put("received", ctx.queryParam("received"));
        model.put("counted", ctx.queryParam("counted"));
        pages.render(ctx, "inventory/stock", model);
    }

    private static String value(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }
}
