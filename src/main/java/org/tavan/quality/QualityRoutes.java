package org.tavan.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.errors.InvalidInput;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** Test sessions, verdicts, nonconformances, release to stock and reports. Rigs are the rig registry's ({@code /api/rigs}). */
public final class QualityRoutes {

    private final TestSessions sessions;
    private final Releases releases;
    private final Nonconformances nonconformances;
    private final QualityReports reports;
    private final Clock clock;

    public QualityRoutes(TestSessions sessions, Releases releases, Nonconformances nonconformances,
                         QualityReports reports, Clock clock) {
        this.sessions = sessions;
        this.releases = releases;
        this.nonconformances = nonconformances;
        this.reports = reports;
        this.clock = clock;
    }

    public void addTo(Routes routes) {
        Access testers = Access.roles(Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
        Access leads = Access.roles(Role.QUALITY, Role.ADMIN);
        Access staff = Access.roles(Role.FLOOR, Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
        routes.tag("quality");
        routes.post("/api/quality/sessions", testers, ctx -> ctx.status(201).json(sessions.open(
                        ctx.bodyAsClass(TestSessions.OpenSession.class), RequestContext.actor(ctx))))
                .summary("Bind a rig to a unit at its test station (409 rig_calibration_overdue, rig_kind_mismatch, "
                        + "step_out_of_order, rig_busy)")
                .body(TestSessions.OpenSession.class).returns(TestSessions.SessionView.class);
        routes.get("/api/quality/sessions", testers, ctx -> ctx.json(sessions.openSessions()))
                .summary("Open and paused test sessions with live outcome").returnsListOf(TestSessions.SessionView.class);
        routes.get("/api/quality/sessions/{id}", testers, ctx -> ctx.json(sessions.session(id(ctx))))
                .summary("A session with its live, not yet final, outcome and long-run progress")
                .returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/pause", testers, ctx -> ctx.json(sessions.pause(id(ctx),
                        ctx.bodyAsClass(TestSessions.Note.class).note(), RequestContext.actor(ctx))))
                .summary("Pause (readings while paused are not used)").body(TestSessions.Note.class)
                .returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/resume", testers, ctx -> ctx.json(sessions.resume(id(ctx),
                        ctx.bodyAsClass(TestSessions.Note.class).note(), RequestContext.actor(ctx))))
                .summary("Resume a paused session").body(TestSessions.Note.class).returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/checklist", testers, ctx -> ctx.json(sessions.answer(id(ctx),
                        ctx.bodyAsClass(TestSessions.ChecklistAnswer.class), RequestContext.actor(ctx))))
                .summary("Answer a manual checklist item").body(TestSessions.ChecklistAnswer.class)
                .returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/readings", testers, ctx -> ctx.json(sessions.enter(id(ctx),
                        ctx.bodyAsClass(TestSessions.ManualReadings.class), RequestContext.actor(ctx))))
                .summary("Enter values measured by hand").body(TestSessions.ManualReadings.class)
                .returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/checkpoints", testers, ctx -> ctx.json(sessions.checkpoint(id(ctx),
                        ctx.bodyAsClass(TestSessions.Note.class).note(), RequestContext.actor(ctx))))
                .summary("Record a long-run checkpoint (re-tightening) at the current cycle count")
                .body(TestSessions.Note.class).returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/replacements", testers, ctx -> ctx.json(sessions.replacement(id(ctx),
                        ctx.bodyAsClass(TestSessions.Replacement.class), RequestContext.actor(ctx))))
                .summary("Record a wear-part replacement during a long run").body(TestSessions.Replacement.class)
                .returns(TestSessions.SessionView.class);
        routes.post("/api/quality/sessions/{id}/verdict", testers, ctx -> ctx.status(201).json(sessions.decide(id(ctx),
                        RequestContext.actor(ctx))))
                .summary("Compute and record the immutable verdict; closes the session (409 verdict_incomplete)")
                .returns(TestSessions.VerdictView.class);
        routes.get("/api/quality/verdicts/{id}", staff, ctx -> ctx.json(sessions.verdict(id(ctx))))
                .summary("One verdict with plan version, limits, reading ids and rig calibration")
                .returns(TestSessions.VerdictView.class);
        routes.get("/api/quality/units/{serial}/verdicts", staff, ctx -> ctx.json(sessions.verdictsOf(ctx.pathParam("serial"))))
                .summary("Every verdict of a unit, oldest first").returnsListOf(TestSessions.VerdictView.class);
        routes.post("/api/quality/units/{serial}/release", leads, ctx -> ctx.json(releases.release(ctx.pathParam("serial"),
                        RequestContext.actor(ctx))))
                .summary("Release a finished unit to stock (409 release_without_pass unless every test passed)")
                .returns(Releases.Released.class);
        routes.post("/api/quality/units/{serial}/refurbish", leads, ctx -> ctx.json(releases.refurbish(
                        ctx.pathParam("serial"), ctx.bodyAsClass(Releases.Refurbishment.class), RequestContext.actor(ctx))))
                .summary("A returned unit (in repair, at a workshop) goes back to the floor: rework, every test again, "
                        + "then release").body(Releases.Refurbishment.class).returns(org.tavan.production.UnitView.class);
        routes.get("/api/quality/nonconformances", leads, ctx -> ctx.json(nonconformances.list(
                        ctx.queryParam("open") == null ? null : Boolean.parseBoolean(ctx.queryParam("open")))))
                .summary("Nonconformances (filter: open=true|false)").returnsListOf(Nonconformances.Nonconformance.class);
        routes.post("/api/quality/nonconformances/{id}/disposition", leads, ctx -> ctx.json(nonconformances.decide(id(ctx),
                        ctx.bodyAsClass(Nonconformances.Decision.class), RequestContext.actor(ctx))))
                .summary("Decide rework or scrap, with the cause").body(Nonconformances.Decision.class)
                .returns(Nonconformances.Nonconformance.class);

        routes.get("/api/quality/reports/first-pass-yield", leads, ctx -> {
                    List<QualityReports.YieldRow> rows = reports.firstPassYield(ctx.queryParam("by"), from(ctx), to(ctx));
                    respond(ctx, rows, List.of("group", "tested", "passed_first_time", "first_pass_yield"),
                            r -> List.of(r.group(), r.tested(), r.passedFirstTime(), r.firstPassYield()));
                })
                .summary("First-pass yield by model, station or rig (by=, from=, to= ISO instants, format=csv)")
                .returnsListOf(QualityReports.YieldRow.class);
        routes.get("/api/quality/reports/failure-reasons", leads, ctx -> {
                    List<QualityReports.FailureRow> rows = reports.failureReasons(from(ctx), to(ctx));
                    respond(ctx, rows, List.of("item", "failures", "marginals"),
                            r -> List.of(r.item(), r.failures(), r.marginals()));
                })
                .summary("Failed and marginal test items ranked (from=, to=, format=csv)")
                .returnsListOf(QualityReports.FailureRow.class);
        routes.get("/api/quality/reports/stations", leads, ctx -> {
                    var rows = reports.stations(from(ctx), to(ctx));
                    respond(ctx, rows, List.of("station", "completed", "failed", "average_minutes", "completed_per_day"),
                            r -> List.of(r.station(), r.completed(), r.failed(), r.averageMinutes(), r.completedPerDay()));
                })
                .summary("Throughput and time per station (from=, to=, format=csv)");
    }

    private static <T> void respond(Context ctx, List<T> rows, List<String> header,
                                    java.util.function.Function<T, List<Object>> fields) {
        if ("csv".equals(ctx.queryParam("format"))) {
            ctx.contentType("text/csv; charset=utf-8").result(QualityReports.csv(header, rows, fields));
        } else {
            ctx.json(rows);
        }
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "'" + ctx.pathParam("id") + "' is not a number");
        }
    }

    // Default windows follow the app's clock, as everything the reports count was stamped by it.
    private Instant from(Context ctx) {
        return instant(ctx, "from", clock.instant().minus(Duration.ofDays(30)));
    }

    private Instant to(Context ctx) {
        return instant(ctx, "to", clock.instant().plus(Duration.ofMinutes(1)));
    }

    private static Instant instant(Context ctx, String name, Instant fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, name + " must be an ISO instant like 2026-11-01T00:00:00Z");
        }
    }
}
