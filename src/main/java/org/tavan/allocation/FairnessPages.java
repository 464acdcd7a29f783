package org.tavan.allocation;

import java.util.Map;

import org.tavan.auth.Role;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
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
                        ctx -> pages.render(ctx, "distribution/fairness", Map.of("report", allocations.fairness(AllocationRoutes.scope(ctx)))))
                .summary("Fairness report: allocations against need by province and group, waiting time, shares");
    }
}
