package org.tavan.production;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
 * The floor worker's tablet screens (the UI shell's /floor/scan leads here): scan or type a serial, see the unit's station and next
 * action, start / complete / fail the step with one big button. Refusals come back to the same
 * screen as a translated message (floor.error.&lt;code&gt;), never as an error page.
 */
public final class FloorPages {

    private final Production production;
    private final Pages pages;

    public FloorPages(Production production, Pages pages) {
        this.production = production;
        this.pages = pages;
    }

    public void addTo(Routes routes) {
        Access floor = Access.roles(Role.FLOOR, Role.QUALITY, Role.ADMIN);
        routes.tag("floor pages");
        routes.page(HomeTiles.FLOOR_STATION, floor, ctx -> board(ctx, null)).summary("Units in progress and the scan field");
        routes.page(HomeTiles.FLOOR_UNITS, floor, ctx -> board(ctx, null)).summary("Find a unit by serial");
        routes.page(HomeTiles.FLOOR_UNITS + "/{serial}", floor, this::unit).summary("One unit: station and next action");
        for (String action : new String[] {"start", "complete", "fail"}) {
            routes.pagePost(HomeTiles.FLOOR_UNITS + "/{serial}/" + action, floor, (ctx -> step(ctx, action)))
                    .summary("Form: " + action + " the unit's current step");
        }
    }

    private void board(Context ctx, String error) {
        Map<String, Object> model = new HashMap<>();
        Production.Board board = production.board();
        model.put("board", board);
        Map<String, String> stationNames = new HashMap<>();
        board.units().forEach(row -> stationNames.computeIfAbsent(row.station(), code -> stationName(ctx, code)));
        model.put("stationNames", stationNames);
        if (error != null) {
            model.put("error", error);
        }
        ctx.status(error == null ? 200 : 400);
        pages.render(ctx, "floor/board", model);
    }

    private void unit(Context ctx) {
        UnitView unit;
        try {
            unit = production.unit(ctx.pathParam("serial"));
        } catch (InvalidInput e) {
            board(ctx, pages.text(ctx, "floor.error.bad_serial", ctx.pathParam("serial")));
            return;
        } catch (NotFound e) {
            board(ctx, pages.text(ctx, "floor.error.unknown_serial", ctx.pathParam("serial")));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("unit", unit);
        model.put("stationName", stationName(ctx, unit.station()));
        String error = ctx.queryParam("error");
        if (error != null && error.matches("[a-z_]{1,40}")) {
            model.put("error", "floor.error." + error);
        }
        String done = ctx.queryParam("done");
        if (done != null && done.matches("start|complete|fail")) {
            model.put("done", "floor.done." + done);
        }
        pages.render(ctx, "floor/unit", model);
    }

    private void step(Context ctx, String action) {
        String serial = ctx.pathParam("serial");
        String station = ctx.formParam("station");
        String target = HomeTiles.FLOOR_UNITS + "/" + URLEncoder.encode(serial, StandardCharsets.UTF_8);
        try {
            switch (action) {
                case "start" -> production.start(serial, station, RequestContext.actor(ctx));
                case "complete" -> production.complete(serial, station, ctx.formParam("note"), RequestContext.actor(ctx));
                default -> production.fail(serial, station, ctx.formParam("reason"), RequestContext.actor(ctx));
            }
            ctx.redirect(target + "?done=" + action);
        } catch (Conflict e) {
            ctx.redirect(target + "?error=" + e.reason());
        } catch (InvalidInput e) {
            ctx.redirect(target + "?error=missing_" + e.field());
        }
    }

    /**
     * A station's name in the worker's language (floor.station.&lt;code&gt;); a station of an
     * imported routing without a translation shows its code, which is still what the routing says.
     */
    private String stationName(Context ctx, String code) {
        return pages.textOr(ctx, "floor.station." + code, code);
    }

}
