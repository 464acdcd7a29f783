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
        FairnessReport report = allocations.fairness(AllocationRoutes.scope(ctx));
        Language language = pages.language(ctx);
        // Provinces and device classes by name, as the rest of the officer's screens show them, not as codes.
        Map<String, String> provinceNames = new java.util.HashMap<>();
        Province.ALL.forEach(p -> provinceNames.put(p.code(), language == Language.FA ? p.nameFa() : p.nameEn()));
        Translations texts = Translations.of(pages.messages()::has, (k, a) -> pages.messages().text(language, k, a),
                language == Language.FA);
        pages.render(ctx, "distribution/fairness", Map.of("report", report, "charts", charts(report),
                "provinceNames", provinceNames,
                "deviceClasses", DeviceClassNames.of(texts,
                        report.latestShares().stream().map(MatchResult.ProvinceShare::deviceClass).distinct().toList())));
    }

    /** One bar chart per device class: a row per province, its period allocations as a bar, its exact share as a mark. */
    public record Chart(String deviceClass, int height, java.util.List<Row> rows) {
    }

    public record Row(String name, long allocated, double exact, int y, double allocatedBar, double exactBar) {
    }

    static java.util.List<Chart> charts(FairnessReport report) {
        java.util.Map<String, java.util.List<Row>> rows = new java.util.LinkedHashMap<>();
        for (FairnessReport.PeriodLine l : report.period()) {
            java.util.List<Row> list = rows.computeIfAbsent(l.deviceClass(), k -> new java.util.ArrayList<>());
            list.add(new Row(l.name(), l.allocated(), l.exactShare(), 7 * list.size(), Math.round(l.allocatedBar() * 10) / 10.0,
                    Math.min(99.4, Math.round(l.exactBar() * 10) / 10.0)));
        }
        return rows.entrySet().stream().map(e -> new Chart(e.getKey(), 7 * e.getValue().size(), e.getValue())).toList();
    }
}
