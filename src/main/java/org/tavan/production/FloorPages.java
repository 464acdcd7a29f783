package org.tavan.production;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
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
        routes.pagePost(HomeTiles.FLOOR_SCAN + "/photo", floor, this::scanPhoto)
                .summary("Form (multipart, field photo): a camera photo of a unit's label; goes to the unit its QR code names");
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

    /** The tablet camera's photo of a label: read its QR code and go to that unit, or say why not. */
    private void scanPhoto(Context ctx) {
        UploadedFile photo;
        try {
            photo = ctx.uploadedFile("photo");
        } catch (RuntimeException e) {
            // The servlet container refuses a part over the configured size while parsing.
            board(ctx, pages.text(ctx, "floor.error.photo_unreadable"));
            return;
        }
        if (photo == null || photo.size() == 0) {
            board(ctx, pages.text(ctx, "floor.error.no_photo"));
            return;
        }
        Optional<String> text;
        try (InputStream in = photo.content()) {
            text = LabelReader.read(in);
        } catch (LabelReader.NotAnImage | IOException e) {
            board(ctx, pages.text(ctx, "floor.error.photo_unreadable"));
            return;
        }
        if (text.isEmpty()) {
            board(ctx, pages.text(ctx, "floor.error.no_label_in_photo"));
            return;
        }
        ctx.redirect(HomeTiles.FLOOR_UNITS + "/" + URLEncoder.encode(text.get(), StandardCharsets.UTF_8).replace("+", "%20"));
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
