package org.tavan.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.tavan.Json;
import org.tavan.auth.Role;
import org.tavan.beneficiaries.Province;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Pages;

/**
 * The officers' waiting list on the tablet: who waits for which device class, highest priority
 * first, with the parts of the priority and the group markers; filters by province and class.
 * Names are personal data: officers and administrators only, like the API.
 */
public final class WaitingListPages {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Access OFFICERS = Access.roles(Role.DISTRIBUTION, Role.ADMIN);
    /** A tablet page lists this many; the count above it says how many wait in all. */
    static final int SHOWN = 200;
    private final Pages pages;
    private final WaitingList waitingList;
    private final ReasonTexts reasons;

    public WaitingListPages(Pages pages, WaitingList waitingList, Policy policy) {
        this.pages = pages;
        this.waitingList = waitingList;
        this.reasons = new ReasonTexts(policy);
    }

    public void addTo(Routes routes) {
        routes.tag("allocation");
        routes.page(HomeTiles.WAITING_LIST, OFFICERS, this::show)
                .summary("Waiting list by priority under the policy in force (?province=08&deviceClass=12.22)");
    }

    private void show(Context ctx) {
        Language language = pages.language(ctx);
        Translations texts = Translations.of(pages.messages()::has, (k, a) -> pages.messages().text(language, k, a), language == Language.FA);
        String province = ctx.queryParam("province");
        String deviceClass = ctx.queryParam("deviceClass");
        WaitingList.View view = waitingList.list(province, deviceClass, SHOWN, AllocationRoutes.scope(ctx));
        List<String> classes = new ArrayList<>(waitingList.deviceClasses(AllocationRoutes.scope(ctx)));
        if (deviceClass != null && !deviceClass.isBlank() && !classes.contains(deviceClass)) {
            classes.add(deviceClass);
        }
        view.lines().forEach(l -> {
            if (!classes.contains(l.deviceClass())) {
                classes.add(l.deviceClass());
            }
        });
        Map<String, String> provinceNames = new HashMap<>();
        Province.ALL.forEach(p -> provinceNames.put(p.code(), language == Language.FA ? p.nameFa() : p.nameEn()));
        // The same sentences as a proposal's score breakdown, from the same Score record.
        Map<Long, List<String>> parts = new HashMap<>();
        for (WaitingList.Line line : view.lines()) {
            parts.put(line.assessmentId(), reasons.score(texts, JSON.valueToTree(line.score())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("view", view);
        model.put("parts", parts);
        // The filter offers only the provinces the officer can see.
        org.tavan.auth.Scope scope = AllocationRoutes.scope(ctx);
        model.put("provinces", Province.ALL.stream()
                .filter(p -> scope.national() || scope.provinces().contains(p.code())).toList());
        model.put("provinceNames", provinceNames);
        model.put("classes", classes);
        model.put("deviceClasses", DeviceClassNames.of(texts, classes));
        model.put("province", province == null ? "" : province);
        model.put("deviceClass", deviceClass == null ? "" : deviceClass);
        model.put("shown", SHOWN);
        pages.render(ctx, "distribution/waiting_list", model);
    }
}
