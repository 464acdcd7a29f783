package org.tavan.allocation;

import java.util.Map;

import org.tavan.auth.Role;
import org.tavan.beneficiaries.Province;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Pages;

/**
 * The fairness report as officers and managers read it: allocations against registered need
 * by province and by group, how long people have waited, and the shares the latest run used.
 */
public final class FairnessPages {

    private final Allocations allocations;
    private final Pages pages;

    public FairnessPages(Allocations allocations, Pages pages) {
        this.allocations = allocations;
        this.pages = pages;
    }

    public void addTo(Routes routes) {
        routes.tag("allocation pages");
        routes.page(HomeTiles.FAIRNESS, Access.roles(Role.DISTRIBUTION, Role.ADMIN),
                        this::show)
                .summary("Fairness report: allocations against need by province and group, waiting time, shares");
    }

    private void show(io.javalin.http.Context ctx) {
        Allocations.FairnessReport report = allocations.fairness(AllocationRoutes.scope(ctx));
        Language language = pages.language(ctx);
        // Provinces and device classes by name, as the rest of the officer's screens show them, not as codes.
        Map<String, String> provinceNames = new java.util.HashMap<>();
        Province.ALL.forEach(p -> provinceNames.put(p.code(), language == Language.FA ? p.nameFa() : p.nameEn()));
        Translations texts = Translations.of(pages.messages()::has, (k, a) -> pages.messages().text(language, k, a),
                language == Language.FA);
        pages.render(ctx, "distribution/fairness", Map.of("report", report, "provinceNames", provinceNames,
                "deviceClasses", DeviceClassNames.of(texts,
                        report.latestShares().stream().map(MatchResult.ProvinceShare::deviceClass).distinct().toList())));
    }
}
