package org.tavan.allocation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.beneficiaries.Province;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Pages;

/** The officer's review of proposals on the tablet: each with its reasons; approve, reject with a reason, run again. */
public final class ProposalPages {

    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    static final String POLICY = "/distribution/policy";
    private final Pages pages;
    private final Allocations allocations;
    private final ReasonTexts reasons;

    public ProposalPages(Pages pages, Allocations allocations) {
        this.pages = pages;
        this.allocations = allocations;
        this.reasons = new ReasonTexts(allocations.policy());
    }

    public void addTo(Routes routes) {
        routes.tag("allocation");
        routes.page(HomeTiles.PROPOSALS, OFFICERS, this::show).summary("Proposals awaiting a decision, with their reasons");
        routes.page(POLICY, OFFICERS, ctx -> {
            String version = ctx.queryParam("version");
            Policy policy = allocations.policy();
            if (version != null && !version.equals(policy.version())) {
                try {
                    policy = Policy.version(version);
                } catch (IllegalArgumentException e) {
                    throw new org.tavan.errors.InvalidInput("version", "No such policy version: " + version);
                }
            }
            pages.render(ctx, "distribution/policy", Map.of("policy", policy, "strict", policy.strict(),
                    "current", allocations.policy().version(), "versions", List.of("v3", "v2"),
                    "needLevels", policy.priority().needLevelPoints().entrySet().stream()
                            .map(e -> Map.entry(Integer.valueOf(e.getKey()), e.getValue()))
                            .sorted(Map.Entry.comparingByKey()).toList()));
        }).summary("The published allocation policy (?version=v2: a past one, for past runs), for officers");
        routes.pagePost(HomeTiles.PROPOSALS + "/run", OFFICERS, (ctx -> {
            Allocations.RunView run = allocations.run(AllocationRoutes.scope(ctx), RequestContext.actor(ctx));
            ctx.redirect(HomeTiles.PROPOSALS + "?ran=" + run.proposals());
        })).summary("Run the matcher from the form");
        routes.pagePost(HomeTiles.PROPOSALS + "/{id}/approve", OFFICERS, (ctx -> {
            Allocations.ProposalView p = allocations.approve(AllocationRoutes.id(ctx), AllocationRoutes.scope(ctx),
                    RequestContext.actor(ctx));
            ctx.redirect(HomeTiles.PROPOSALS + "?approved=" + p.serial());
        })).summary("Approve a proposal from the form");
        routes.pagePost(HomeTiles.PROPOSALS + "/{id}/reject", OFFICERS, (ctx -> {
            String reason = ctx.formParam("reason");
            if (reason == null || reason.isBlank()) {
                ctx.redirect(HomeTiles.PROPOSALS + "?reasonMissing=" + AllocationRoutes.id(ctx));
                return;
            }
            Allocations.ProposalView p = allocations.reject(AllocationRoutes.id(ctx), reason, AllocationRoutes.scope(ctx),
                    RequestContext.actor(ctx));
            ctx.redirect(HomeTiles.PROPOSALS + "?rejected=" + p.serial());
        })).summary("Reject a proposal with a reason from the form");
    }

    private void show(Context ctx) {
        List<Allocations.ProposalView> proposed = allocations.proposals(ProposalStatus.PROPOSED.code(), null, 200,
                AllocationRoutes.scope(ctx));
        Map<String, String> provinceNames = new HashMap<>();
        Province.ALL.forEach(p -> provinceNames.put(p.code(), pages.language(ctx) == Language.FA ? p.nameFa() : p.nameEn()));
        Language language = pages.language(ctx);
        Translations texts = Translations.of(pages.messages()::has, (k, a) -> pages.messages().text(language, k, a), language == Language.FA);
        Map<Long, ReasonTexts.Explained> explained = new HashMap<>();
        for (Allocations.ProposalView p : proposed) {
            explained.put(p.id(), reasons.explain(texts, p.deviceClass(), p.reasons()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("proposals", proposed);
        model.put("explained", explained);
        model.put("deviceClasses", DeviceClassNames.of(texts,
                proposed.stream().map(Allocations.ProposalView::deviceClass).distinct().toList()));
        model.put("provinces", provinceNames);
        model.put("policyVersion", allocations.policy().version());
        model.put("approved", ctx.queryParam("approved"));
        model.put("rejected", ctx.queryParam("rejected"));
        model.put("ran", ctx.queryParam("ran"));
        model.put("reasonMissing", ctx.queryParam("reasonMissing"));
        pages.render(ctx, "distribution/proposals", model);
    }

}
