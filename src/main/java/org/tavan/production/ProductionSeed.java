package org.tavan.production;

import java.time.LocalDate;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/** A released work order of wheelchairs waiting on the floor, so a scan finds something. */
public final class ProductionSeed implements DemoData.Seed {

    private final Production production;
    private final String workshop;

    public ProductionSeed(Production production, String workshop) {
        this.production = production;
        this.workshop = workshop;
    }

    @Override
    public String name() {
        return "a released work order of six 40 cm wheelchairs and an open one of BTE hearing aids";
    }

    @Override
    public void plant(Actor actor) {
        WorkOrder wheelchairs = production.createWorkOrder(new Production.NewWorkOrder("WCM-40", 6, workshop,
                LocalDate.now().plusDays(21).toString(), "برای مراکز استان اصفهان"), actor);
        production.release(wheelchairs.id(), actor);
        production.createWorkOrder(new Production.NewWorkOrder("BTE-P", 10, workshop,
                LocalDate.now().plusDays(30).toString(), null), actor);
    }
}
