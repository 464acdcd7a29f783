package org.tavan.production;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import org.tavan.auth.Role;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.offline.QueuedActions;
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
    private final FloorQueue queue;
    private final Pages pages;
    private final ObjectMapper json = new ObjectMapper();

    public FloorPages(Production production, FloorQueue queue, Pages pages) {
        this.production = production;
        this.queue = queue;
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
        routes.pagePost("/floor/actions", floor, this::queued)
                .summary("Form from the tablet's queue (the fields of POST /api/floor/actions), answered in JSON: one tap, applied once;"
                        + " the answer adds the refusal in the worker's language");
        routes.page("/floor/offline", floor, ctx -> pages.render(ctx, "floor/offline", Map.of()))
                .summary("What the tablet shows for a unit page it has not kept while offline");
        for (String action : new String[] {"start", "complete", "fail"}) {
            routes.pagePost(HomeTiles.FLOOR_UNITS + "/{serial}/" + action, floor, (ctx -> step(ctx, action)))
                    .summary("Form: " + action + " the unit's current step");
        }
    }

    /**
     * The station list: the units waiting at or worked on at one station (?station=, which the
     * tablet remembers), with a row per station to choose from and every unit when none is chosen.
     */
    private void board(Context ctx, String error) {
        Map<String, Object> model = new HashMap<>();
        Production.Board board = production.board();
        Map<String, String> stationNames = new LinkedHashMap<>();
        board.units().forEach(row -> stationNames.computeIfAbsent(row.station(), code -> stationName(ctx, code)));
        String station = ctx.queryParam("station");
        if (station != null && !stationNames.containsKey(station)) {
            station = station.matches("[a-z_]{1,40}") ? station : null;
            if (station != null) {
                stationNames.put(station, stationName(ctx, station));
            }
        }
        String chosen = station;
        model.put("station", chosen);
        model.put("stations", board.unitsPerStation());
        model.put("units", board.units().stream().filter(r -> chosen == null || r.station().equals(chosen)).toList());
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
        model.put("reasonNames", unit.failureReasons().stream()
                .collect(java.util.stream.Collectors.toMap(code -> code, code -> pages.text(ctx, "floor.reason." + code))));
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
                default -> production.fail(serial, station, FloorQueue.reason(new FloorQueue.FloorAction(null, null,
                        action, serial, station, ctx.formParam("reason"), ctx.formParam("note"))), RequestContext.actor(ctx));
            }
            ctx.redirect(target + "?done=" + action);
        } catch (Conflict e) {
            ctx.redirect(target + "?error=" + e.reason());
        } catch (InvalidInput e) {
            ctx.redirect(target + "?error=missing_" + e.field());
        }
    }

    /**
     * A tap from the tablet's queue: the stored answer, with the refusal's reason in the
     * worker's language added for the queued item (the stored answer itself stays as it was).
     */
    private void queued(Context ctx) throws IOException {
        Long tappedAt;
        try {
            tappedAt = Long.valueOf(ctx.formParam("tappedAt"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("tappedAt", "Say when the action was tapped (epoch milliseconds)");
        }
        QueuedActions.Answer answer = queue.send(new FloorQueue.FloorAction(ctx.formParam("actionId"), tappedAt,
                ctx.formParam("action"), ctx.formParam("serial"), ctx.formParam("station"), ctx.formParam("reason"),
                ctx.formParam("note")), RequestContext.actor(ctx));
        ObjectNode body = (ObjectNode) json.readTree(answer.body());
        if (body.hasNonNull("code")) {
            body.put("text", pages.textOr(ctx, "floor.error." + body.get("code").asText(),
                    pages.text(ctx, "floor.error.refused")));
        }
        ctx.status(answer.status()).contentType("application/json").result(json.writeValueAsString(body));
    }

    /**
     * A station's name in the worker's language (floor.station.&lt;code&gt;); a station of an
     * imported routing without a translation shows its code, which is still what the routing says.
     */
    private String stationName(Context ctx, String code) {
        return pages.textOr(ctx, "floor.station." + code, code);
    }

}
