package org.tavan.distribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.tavan.allocation.Allocations;
import org.tavan.allocation.DeviceClassNames;
import org.tavan.allocation.Translations;
import org.tavan.audit.Actor;
import org.tavan.auth.Role;
import org.tavan.auth.Scope;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.storage.Database;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Pages;

/**
 * Service cases on the officer's tablet: the list by status (with the approved proposals that
 * have no case yet), and a case page with WHO's eight steps done so far and the next action as
 * a form. Every action calls {@link Distribution}'s public methods, so the order of steps, the
 * checks, the stock movements and the audit rows are exactly the API's.
 */
public final class ServiceCasePages {

    static final List<String> STATUSES = java.util.Arrays.stream(CaseStatus.values()).map(CaseStatus::code).toList();
    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    private static final String CASES = HomeTiles.SHIPMENTS;

    private final Pages pages;
    private final Distribution distribution;
    private final Beneficiaries beneficiaries;
    private final CaseReads reads;

    public ServiceCasePages(Pages pages, Distribution distribution, Beneficiaries beneficiaries, Database db) {
        this.pages = pages;
        this.distribution = distribution;
        this.beneficiaries = beneficiaries;
        this.reads = new CaseReads(db);
    }

    /** One of the page's action forms: what it does with the form, given the case id and the officer. */
    private interface Action {
        void apply(Context ctx, long caseId, Scope scope, Actor actor);
    }

    public void addTo(Routes routes) {
        routes.tag("distribution");
        routes.page(CASES, OFFICERS, this::list).summary("Service cases by status, and approved proposals without a case");
        routes.pagePost(CASES + "/open", OFFICERS, this::open).summary("Open the service case of an approved proposal");
        routes.page(CASES + "/{id}", OFFICERS, ctx -> showCase(ctx, PersonPages.id(ctx), Map.of()))
                .summary("A service case: WHO steps done and the next action");
        action(routes, "ship", "Ship the unit (accessories, carrier)", (ctx, id, scope, actor) -> distribution.ship(id,
                new Distribution.Shipment(items(ctx.formParam("accessories")), trimmed(ctx.formParam("carrier"))), scope, actor));
        action(routes, "receive", "The centre received the unit (proof of delivery)", (ctx, id, scope, actor) ->
                distribution.receive(id, new Distribution.Receipt(ctx.formParam("receivedBy"),
                        ctx.formParam("proofOfDelivery")), scope, actor));
        action(routes, "hand-over", "Hand the unit over (receipt number)", (ctx, id, scope, actor) ->
                distribution.handOver(id, new Distribution.HandOver(ctx.formParam("receiptNumber"),
                        ctx.formParam("receivedByName")), scope, actor));
        action(routes, "fitting", "Record the fitting (notes, rig session)", (ctx, id, scope, actor) ->
                distribution.fitting(id, new Distribution.Fitting(ctx.formParam("notes"),
                        trimmed(ctx.formParam("rigSessionId")), trimmed(ctx.formParam("rigId")), null), scope, actor));
        action(routes, "training", "Record the training (topics) and schedule follow-ups", (ctx, id, scope, actor) ->
                distribution.training(id, new Distribution.Training(items(ctx.formParam("topics")),
                        trimmed(ctx.formParam("notes")), months(ctx.formParam("followUpInMonths"))), scope, actor));
        action(routes, "follow-up", "Record a follow-up's outcome", (ctx, id, scope, actor) -> {
            String followUp = ctx.formParam("followUpId");
            long followUpId;
            try {
                followUpId = Long.parseLong(followUp == null ? "" : followUp.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("followUpId", "Not a follow-up id: " + followUp);
            }
            distribution.followUp(id, followUpId, new Distribution.FollowUpResult(ctx.formParam("outcome"),
                    trimmed(ctx.formParam("notes"))), scope, actor);
        });
        action(routes, "return", "The person returned the unit (reason, back to the waiting list)", (ctx, id, scope, actor) ->
                distribution.returnUnit(id, new Distribution.Return(ctx.formParam("reason"),
                        ctx.formParam("backToWaiting") != null), scope, actor));
    }

    private void action(Routes routes, String name, String summary, Action action) {
        routes.pagePost(CASES + "/{id}/" + name, OFFICERS, ctx -> {
            long id = PersonPages.id(ctx);
            Map<String, String> errors = new LinkedHashMap<>();
            try {
                action.apply(ctx, id, DistributionRoutes.scope(ctx), RequestContext.actor(ctx));
                ctx.redirect(CASES + "/" + id + "?done=" + name);
                return;
            } catch (InvalidInput e) {
                errors.put(e.field(), message(ctx, e.field(), e.getMessage()));
                ctx.status(400);
            } catch (Conflict e) {
                errors.put("form", message(ctx, e.reason(), e.getMessage()));
                ctx.status(409);
            }
            showCase(ctx, id, errors);
        }).summary(summary + " from the case page");
    }

    private void list(Context ctx) {
        Language language = pages.language(ctx);
        String status = ctx.queryParam("status");
        if (status != null && status.isBlank()) {
            status = null;
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInput("status", "Unknown case status '" + status + "'; use " + String.join(", ", STATUSES));
        }
        Scope scope = DistributionRoutes.scope(ctx);
        List<Distribution.CaseView> cases = distribution.list(status, scope);
        List<Allocations.ProposalView> awaiting = distribution.awaitingCase(500, scope);
        List<Long> people = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        cases.forEach(c -> {
            people.add(c.beneficiaryId());
            classes.add(c.deviceClass());
        });
        awaiting.forEach(p -> {
            people.add(p.beneficiaryId());
            classes.add(p.deviceClass());
        });
        Map<String, Integer> counts = reads.countsByStatus(scope);
        Map<String, Object> model = new HashMap<>();
        model.put("cases", cases);
        model.put("awaiting", awaiting);
        model.put("status", status == null ? "" : status);
        model.put("statuses", STATUSES);
        model.put("counts", counts);
        model.put("all", counts.values().stream().mapToInt(Integer::intValue).sum());
        model.put("names", beneficiaries.names(people, scope));
        model.put("deviceClasses", DeviceClassNames.of(texts(language), classes));
        model.put("opened", ctx.queryParam("opened"));
        pages.render(ctx, "distribution/cases", model);
    }

    private void open(Context ctx) {
        String raw = ctx.formParam("proposalId");
        long proposalId;
        try {
            proposalId = Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("proposalId", "Not a proposal id: " + raw);
        }
        Distribution.CaseView c = distribution.open(new Distribution.OpenCase(proposalId), DistributionRoutes.scope(ctx),
                RequestContext.actor(ctx));
        ctx.redirect(CASES + "/" + c.id());
    }

    private void showCase(Context ctx, long id, Map<String, String> errors) {
        Language language = pages.language(ctx);
        Distribution.CaseView c = distribution.get(id, DistributionRoutes.scope(ctx));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            int step = n;
            List<Distribution.StepView> events = c.steps().stream().filter(s -> s.step() == step).toList();
            Map<String, Object> s = new HashMap<>();
            s.put("n", step);
            s.put("events", events);
            s.put("done", !events.isEmpty());
            steps.add(s);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("c", c);
        model.put("steps", steps);
        model.put("personName", beneficiaries.names(List.of(c.beneficiaryId()), DistributionRoutes.scope(ctx))
                .get(c.beneficiaryId()));
        model.put("className", DeviceClassNames.name(texts(language), c.deviceClass()));
        model.put("openFollowUps", c.followUps().stream().filter(f -> f.doneAt() == null).toList());
        model.put("returnable", CaseStatus.of(c.status()).canBecome(CaseStatus.RETURNED));
        model.put("errors", errors);
        model.put("values", formValues(ctx));
        model.put("done", errors.isEmpty() ? ctx.queryParam("done") : null);
        pages.render(ctx, "distribution/case", model);
    }

    /** What the officer typed, so a refused form keeps it. */
    private static Map<String, String> formValues(Context ctx) {
        Map<String, String> values = new HashMap<>();
        if (ctx.method() == io.javalin.http.HandlerType.POST) {
            ctx.formParamMap().forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        }
        return values;
    }

    private String message(Context ctx, String code, String fallback) {
        String key = "cases.error." + code;
        return pages.messages().has(key) ? pages.text(ctx, key) : fallback;
    }

    /** A list typed into one field: separated by commas (Latin or Persian) or new lines. */
    static List<String> items(String raw) {
        List<String> items = new ArrayList<>();
        if (raw != null) {
            for (String part : raw.split("[,،\\n]")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        return items;
    }

    /** Months of the follow-ups, "1, 6" or «۱، ۶»; empty = the service's default. */
    static List<Integer> months(String raw) {
        List<Integer> months = new ArrayList<>();
        for (String item : items(raw)) {
            StringBuilder digits = new StringBuilder();
            for (char ch : item.toCharArray()) {
                digits.append(ch >= '۰' && ch <= '۹' ? (char) ('0' + ch - '۰') : ch);
            }
            try {
                months.add(Integer.parseInt(digits.toString()));
            } catch (NumberFormatException e) {
                throw new InvalidInput("followUpInMonths", "Follow-ups are whole months after training, like 1, 6");
            }
        }
        return months;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.strip();
    }

    private Translations texts(Language language) {
        return Translations.of(pages.messages()::has, (k, a) -> pages.messages().text(language, k, a), language == Language.FA);
    }
}
