package org.tavan.rigs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.tavan.auth.Role;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Pages;

/**
 * The technician's rig registry screen: what each rig is, where it stands, whether its calibration
 * is due, and what ingest counted for it. Registering and editing are {@link RigFormPages}.
 */
public final class RigPages {

    private final Rigs rigs;
    private final Pages pages;

    public RigPages(Rigs rigs, Pages pages) {
        this.rigs = rigs;
        this.pages = pages;
    }

    /** A registry row; {@code calibrationDue} as an instant (noon, server zone) so the date filter can show it in the page's calendar. */
    public record Row(RigView rig, Instant calibrationDue, boolean calibrationOverdue) {
    }

    public void addTo(Routes routes) {
        routes.tag("rig pages");
        routes.page(HomeTiles.RIGS, Access.roles(Role.TECHNICIAN, Role.QUALITY, Role.ADMIN),
                ctx -> pages.render(ctx, "rigs/list", Map.of("rows", rows(),
                        "saved", ctx.queryParamAsClass("saved", String.class).getOrDefault(""))))
                .summary("Rig registry: status, calibration, ingest counters and rejections");
    }

    private List<Row> rows() {
        LocalDate today = LocalDate.now();
        return rigs.list().stream().map(rig -> {
            LocalDate due = parse(rig.calibrationDue());
            Instant at = due == null ? null : due.atTime(LocalTime.NOON).atZone(ZoneId.systemDefault()).toInstant();
            return new Row(rig, at, due != null && due.isBefore(today));
        }).toList();
    }

    private static LocalDate parse(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
