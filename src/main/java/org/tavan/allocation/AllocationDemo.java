package org.tavan.allocation;

import java.util.Map;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/** Released units of each device class in the policy, and one matcher run, so officers see proposals. */
public final class AllocationDemo implements DemoData.Seed {

    private final ReleasedUnits units;
    private final Allocations allocations;

    public AllocationDemo(ReleasedUnits units, Allocations allocations) {
        this.units = units;
        this.allocations = allocations;
    }

    @Override
    public String name() {
        return "allocation";
    }

    @Override
    public void plant(Actor actor) {
        units.add(new ReleasedUnits.NewUnit("TV-WC-0001", "WC-440-440-125", "12.22",
                Map.of("seat_width_mm", "440", "seat_depth_mm", "440", "max_user_mass_kg", "125"), "08"), actor);
        units.add(new ReleasedUnits.NewUnit("TV-WC-0002", "WC-420-420-100", "12.22",
                Map.of("seat_width_mm", "420", "seat_depth_mm", "420", "max_user_mass_kg", "100"), "08"), actor);
        units.add(new ReleasedUnits.NewUnit("TV-WC-0003", "WC-340-320-100", "12.22",
                Map.of("seat_width_mm", "340", "seat_depth_mm", "320", "max_user_mass_kg", "100"), "04"), actor);
        units.add(new ReleasedUnits.NewUnit("TV-WK-0001", "WK-700-100", "12.06",
                Map.of("handle_height_min_mm", "700", "handle_height_max_mm", "850", "max_user_mass_kg", "100"), "08"), actor);
        units.add(new ReleasedUnits.NewUnit("TV-PR-0001", "PR-transtibial-80", "06.24",
                Map.of("amputation_levels", "transtibial", "max_user_mass_kg", "80"), "13"), actor);
        units.add(new ReleasedUnits.NewUnit("TV-HA-0001", "HA-40", "22.06",
                Map.of("fitting_min_db", "40", "fitting_max_db", "90"), "08"), actor);
        allocations.run(actor);
    }
}
