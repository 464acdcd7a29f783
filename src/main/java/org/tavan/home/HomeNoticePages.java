package org.tavan.home;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.javalin.http.Context;
import org.tavan.allocation.Allocations;
import org.tavan.auth.Principal;
import org.tavan.auth.Role;
import org.tavan.distribution.Distribution;
import org.tavan.inventory.Stock;
import org.tavan.rigs.RigView;
import org.tavan.rigs.Rigs;
import org.tavan.web.RequestContext;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Notices;
import org.tavan.web.ui.Notices.Notice;

/**
 * The home screen's notices, from the services that know them: rigs whose calibration is due
 * within {@link #CALIBRATION_WARNING_DAYS} days or overdue, rigs offline, components below their
 * reorder level, follow-ups overdue, proposals waiting for approval. Each is shown to the roles
 * that resolve it and links to the screen where they do.
 */
public final class HomeNoticePages {

    /** A calibration lab visit is booked weeks ahead; a month's warning leaves time to book one. */
    static final int CALIBRATION_WARNING_DAYS = 30;
    private static final Set<Role> RIG_ROLES = Set.of(Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
    private static final Set<Role> STOCK_ROLES = Set.of(Role.QUALITY, Role.DISTRIBUTION, Role.ADMIN);
    private static final Set<Role> OFFICER_ROLES = Set.of(Role.DISTRIBUTION, Role.ADMIN);

    private final Rigs rigs;
    private final Stock stock;
    private final Allocations allocations;
    private final Distribution distribution;
    private final Clock clock;

    public HomeNoticePages(Rigs rigs, Stock stock, Allocations allocations, Distribution distribution, Clock clock) {
        this.rigs = rigs;
        this.stock = stock;
        this.allocations = allocations;
        this.distribution = distribution;
        this.clock = clock;
    }

    public void addTo(Notices notices) {
        notices.add(ctx -> is(ctx, RIG_ROLES) ? rigNotices() : List.of());
        notices.add(ctx -> {
            if (!is(ctx, STOCK_ROLES)) {
                return List.of();
            }
            int below = stock.reorderAlerts(null).size();
            return below == 0 ? List.of() : List.of(Notice.of("home.notice.reorder", HomeTiles.INVENTORY, false, below));
        });
        notices.add(ctx -> is(ctx, OFFICER_ROLES) ? officerNotices(RequestContext.principal(ctx)) : List.of());
    }

    private List<Notice> rigNotices() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        List<Notice> out = new ArrayList<>();
        int offline = 0;
        for (RigView rig : rigs.list()) {
            if (!rig.active()) {
                continue;
            }
            LocalDate due = day(rig.calibrationDue());
            String edit = HomeTiles.RIGS + "/" + rig.rigId() + "/edit";
            if (due != null && due.isBefore(today)) {
                out.add(Notice.of("home.notice.calibration.overdue", edit, true, rig.rigId()));
            } else if (due != null && !due.isAfter(today.plusDays(CALIBRATION_WARNING_DAYS))) {
                out.add(Notice.of("home.notice.calibration.due", edit, false, rig.rigId(),
                        (int) java.time.temporal.ChronoUnit.DAYS.between(today, due)));
            }
            if (!"online".equals(rig.status())) {
                offline++;
            }
        }
        if (offline > 0) {
            out.add(Notice.of("home.notice.rigs.offline", HomeTiles.RIGS, false, offline));
        }
        return out;
    }

    private List<Notice> officerNotices(Principal user) {
        List<Notice> out = new ArrayList<>();
        int waiting = allocations.proposals("proposed", null, 500, user.scope()).size();
        if (waiting > 0) {
            out.add(Notice.of("home.notice.proposals", HomeTiles.PROPOSALS, false, waiting));
        }
        String today = LocalDate.now(clock.withZone(ZoneId.systemDefault())).toString();
        long overdue = distribution.list(null, user.scope()).stream()
                .flatMap(c -> c.followUps().stream())
                .filter(f -> f.doneAt() == null && f.dueOn() != null && f.dueOn().compareTo(today) < 0)
                .count();
        if (overdue > 0) {
            out.add(Notice.of("home.notice.followups", HomeTiles.SHIPMENTS, true, overdue));
        }
        return out;
    }

    private static boolean is(Context ctx, Set<Role> roles) {
        return RequestContext.optionalPrincipal(ctx).map(p -> p.roles().stream().anyMatch(roles::contains)).orElse(false);
    }

    private static LocalDate day(String iso) {
        try {
            return iso == null || iso.isBlank() ? null : LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
