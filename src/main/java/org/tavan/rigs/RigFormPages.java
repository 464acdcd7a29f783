package org.tavan.rigs;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.ui.DayEntry;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Pages;

/**
 * The technician registers a rig, edits its place and calibration (certificate, due day in the
 * page's calendar) and rotates its MQTT password, through the same {@link Rigs} calls as
 * {@code /api/rigs}. A new password is shown once, in the answer to the post that made it
 * (never stored, never in a URL), with a warning that it cannot be shown again.
 */
public final class RigFormPages {

    static final String NEW = HomeTiles.RIGS + "/new";
    private static final Access WRITERS = Access.roles(Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
    private static final List<String> FIELDS = List.of("rigId", "profileId", "workshop", "station",
            "calibrationCertificate", "calibrationDue");

    private final Rigs rigs;
    private final Pages pages;
    private final Supplier<List<String>> profileIds;

    public RigFormPages(Rigs rigs, Pages pages, Supplier<List<String>> profileIds) {
        this.rigs = rigs;
        this.pages = pages;
        this.profileIds = profileIds;
    }

    public void addTo(Routes routes) {
        routes.tag("rig pages");
        routes.page(NEW, WRITERS, ctx -> form(ctx, null, Map.of("workshop", "", "station", ""), Map.of()))
                .summary("Form to register a rig");
        routes.pagePost(HomeTiles.RIGS, WRITERS, this::register)
                .summary("Register a rig from the form; the answer shows its MQTT password once");
        routes.page(HomeTiles.RIGS + "/{id}/edit", WRITERS, ctx -> {
            RigView rig = rigs.get(ctx.pathParam("id"));
            form(ctx, rig, valuesOf(rig, pages.language(ctx)), Map.of());
        }).summary("Form to change a rig's kind, place and calibration");
        routes.pagePost(HomeTiles.RIGS + "/{id}", WRITERS, this::change)
                .summary("Change a rig from the form (as PATCH /api/rigs/{id})");
        routes.pagePost(HomeTiles.RIGS + "/{id}/credentials", WRITERS, ctx -> credentials(ctx,
                        rigs.rotateCredentials(rigs.get(ctx.pathParam("id")).rigId(), RequestContext.actor(ctx)), false))
                .summary("Replace a rig's MQTT password; the answer shows the new one once");
    }

    private void register(Context ctx) {
        Map<String, String> values = values(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        String due = day(ctx, values, errors);
        for (String required : List.of("rigId", "profileId", "workshop", "station")) {
            if (values.get(required).isEmpty()) {
                errors.putIfAbsent(required, pages.text(ctx, "rigs.error." + required));
            }
        }
        if (errors.isEmpty()) {
            try {
                Rigs.Credentials made = rigs.register(new Rigs.NewRig(values.get("rigId"), values.get("profileId"),
                        values.get("workshop"), values.get("station"), values.get("calibrationCertificate"), due),
                        RequestContext.actor(ctx));
                credentials(ctx, made, true);
                return;
            } catch (InvalidInput e) {
                errors.put(e.field(), fieldError(ctx, e.field()));
            } catch (Conflict e) {
                errors.put("rigId", pages.text(ctx, "rigs.error.exists"));
            }
        }
        ctx.status(400);
        form(ctx, null, values, errors);
    }

    private void change(Context ctx) {
        RigView rig = rigs.get(ctx.pathParam("id"));
        Map<String, String> values = values(ctx);
        values.put("rigId", rig.rigId());
        Map<String, String> errors = new LinkedHashMap<>();
        String due = day(ctx, values, errors);
        for (String required : List.of("profileId", "workshop", "station")) {
            if (values.get(required).isEmpty()) {
                errors.putIfAbsent(required, pages.text(ctx, "rigs.error." + required));
            }
        }
        if (errors.isEmpty()) {
            try {
                // A blank certificate or due day clears it, as an empty text does in the API.
                rigs.change(rig.rigId(), new Rigs.RigChange(values.get("profileId"), values.get("workshop"),
                        values.get("station"), values.get("calibrationCertificate"), due == null ? "" : due,
                        ctx.formParam("active") != null), RequestContext.actor(ctx));
                ctx.redirect(HomeTiles.RIGS + "?saved=" + rig.rigId());
                return;
            } catch (InvalidInput e) {
                errors.put(e.field(), fieldError(ctx, e.field()));
            }
        }
        ctx.status(400);
        form(ctx, rig, values, errors);
    }

    /** The due day typed in the page's calendar as an ISO day, or null; a day that is not one goes into errors. */
    private String day(Context ctx, Map<String, String> values, Map<String, String> errors) {
        try {
            LocalDate due = DayEntry.parse(pages.language(ctx), "calibrationDue", values.get("calibrationDue"));
            return due == null ? null : due.toString();
        } catch (InvalidInput e) {
            errors.put("calibrationDue", pages.text(ctx, "rigs.error.calibrationDue"));
            return null;
        }
    }

    private void credentials(Context ctx, Rigs.Credentials made, boolean registered) {
        // The password is in this answer only: no cache may keep it.
        ctx.header("Cache-Control", "no-store");
        if (registered) {
            ctx.status(201);
        }
        pages.render(ctx, "rigs/credentials", Map.of("rig", made.rig(), "username", made.mqttUsername(),
                "password", made.mqttPassword(), "registered", registered));
    }

    private void form(Context ctx, RigView rig, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        if (rig != null) {
            model.put("rig", rig);
        }
        model.put("values", values);
        model.put("errors", errors);
        model.put("profiles", profileIds.get());
        pages.render(ctx, "rigs/form", model);
    }

    private String fieldError(Context ctx, String field) {
        String key = "rigs.error." + field;
        return pages.messages().has(key) ? pages.text(ctx, key) : pages.text(ctx, "rigs.error.other");
    }

    private static Map<String, String> values(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String v = ctx.formParam(field);
            values.put(field, v == null ? "" : v.strip());
        }
        values.put("active", String.valueOf(ctx.formParam("active") != null));
        return values;
    }

    private static Map<String, String> valuesOf(RigView rig, Language language) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("rigId", rig.rigId());
        v.put("profileId", rig.profileId());
        v.put("workshop", rig.workshop());
        v.put("station", rig.station());
        v.put("calibrationCertificate", rig.calibrationCertificate() == null ? "" : rig.calibrationCertificate());
        v.put("calibrationDue", DayEntry.shown(language, rig.calibrationDue()));
        v.put("active", String.valueOf(rig.active()));
        return v;
    }
}
