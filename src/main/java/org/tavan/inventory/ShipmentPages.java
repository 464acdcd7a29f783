package org.tavan.inventory;

import java.util.HashMap;
import java.util.Map;

import io.javalin.http.Context;
import org.tavan.errors.NotFound;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.Pages;

/**
 * The printable packing list that travels with a shipment: what is in the box, from where to
 * where, and the lines the receiver signs. Printed on A4 from the tablet or a desk browser.
 */
public final class ShipmentPages {

    private final Shipments shipments;
    private final Stock stock;
    private final Pages pages;

    public ShipmentPages(Shipments shipments, Stock stock, Pages pages) {
        this.shipments = shipments;
        this.stock = stock;
        this.pages = pages;
    }

    public void addTo(Routes routes) {
        routes.tag("inventory pages");
        routes.page("/inventory/shipments/{id}", Access.signedIn(), this::packingList)
                .summary("A shipment's printable packing list (A4), with receipt status and proof of delivery");
    }

    private void packingList(Context ctx) {
        Shipments.ShipmentView shipment;
        try {
            shipment = shipments.get(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException | NotFound e) {
            ctx.status(404);
            pages.render(ctx, "inventory/packing_list", Map.of("missing", ctx.pathParam("id")));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("shipment", shipment);
        model.put("from", stock.location(shipment.from()));
        model.put("to", stock.location(shipment.to()));
        model.put("pieces", shipment.lines().stream().mapToLong(Shipments.LineView::quantity).sum());
        pages.render(ctx, "inventory/packing_list", model);
    }
}
