package org.tavan.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.errors.NotFound;
import org.tavan.rigs.RigView;
import org.tavan.rigs.Rigs;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Pages;

/**
 * The technician's live test screen: pick a rig, then watch its current run move (the browser
 * listens to /api/rigs/{id}/live) and, when a test session is open on the rig, the unit, the
 * plan and the outcomes so far (the browser polls /api/quality/sessions/{id}).
 */
public final class LiveTestPages {

    private final Rigs rigs;
    private final TestSessions sessions;
    private final Pages pages;

    public LiveTestPages(Rigs rigs, TestSessions sessions, Pages pages) {
        this.rigs = rigs;
        this.sessions = sessions;
        this.pages = pages;
    }

    /** A rig in the picker with the session open on it, if any. */
    public record RigChoice(RigView rig, TestSessions.SessionView session) {
    }

    public void addTo(Routes routes) {
        Access technicians = Access.roles(Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
        routes.tag("live test pages");
        routes.page(HomeTiles.LIVE_TESTS, technicians, this::choose).summary("Pick a rig to watch");
        routes.page(HomeTiles.LIVE_TESTS + "/{rig}", technicians, this::live)
                .summary("One rig's current run: moving chart, latest readings, open session's outcomes");
    }

    private void choose(Context ctx) {
        List<TestSessions.SessionView> open = sessions.openSessions();
        List<RigChoice> choices = rigs.list().stream()
                .map(rig -> new RigChoice(rig, openOn(open, rig.rigId()).orElse(null))).toList();
        pages.render(ctx, "tests/live_choose", Map.of("choices", choices));
    }

    private void live(Context ctx) {
        RigView rig;
        try {
            rig = rigs.get(ctx.pathParam("rig"));
        } catch (NotFound e) {
            ctx.status(404);
            pages.render(ctx, "tests/live_choose", Map.of("choices", List.of(),
                    "error", pages.text(ctx, "rigs.live.unknown", ctx.pathParam("rig"))));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("rig", rig);
        model.put("heartbeatMs", rigs.heartbeatTimeout().toMillis());
        openOn(sessions.openSessions(), rig.rigId()).ifPresent(s -> model.put("session", s));
        pages.render(ctx, "tests/live", model);
    }

    private static Optional<TestSessions.SessionView> openOn(List<TestSessions.SessionView> open, String rigId) {
        return open.stream().filter(s -> rigId.equals(s.rigId())).reduce((first, later) -> later);
    }
}
