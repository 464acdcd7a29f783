package org.tavan.quality;

import java.util.List;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;
import org.tavan.production.Production;
import org.tavan.production.UnitView;
import org.tavan.telemetry.Measurement;

/**
 * Moves the first units of the demo work order along the floor and through their dimension
 * check (measured by hand), so that on a fresh demo they wait at the stability test: a
 * technician can bind the demo tilt table to one of them and feed it with {@code tavan simulate}
 * (docs/production-and-quality.md, "Trying it in the demo"). The rigs themselves are the rig
 * registry's demo rigs, not quality's.
 */
public final class QualitySeed implements DemoData.Seed {

    /** How many units of the demo work order are brought to the stability test. */
    static final int UNITS_AT_TEST = 2;
    private static final String VARIANT = "WCM-40";
    private static final String TILT_STATION = "stability_test";

    private final Production production;
    private final TestSessions sessions;

    public QualitySeed(Production production, TestSessions sessions) {
        this.production = production;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return UNITS_AT_TEST + " units of the " + VARIANT + " work order brought to the " + TILT_STATION;
    }

    @Override
    public void plant(Actor actor) {
        List<String> serials = production.board().units().stream()
                .filter(u -> u.variantCode().equals(VARIANT) && u.stepSeq() == 1)
                .map(Production.BoardRow::serial).sorted().limit(UNITS_AT_TEST).toList();
        for (String serial : serials) {
            UnitView unit = production.unit(serial);
            while (!unit.testStation()) {
                production.start(serial, unit.station(), actor);
                unit = production.complete(serial, unit.station(), null, actor);
            }
            // The dimension check: WCM-40 is specified 400 × 420 mm; values within the plan's tolerance.
            long session = sessions.open(new TestSessions.OpenSession(serial, null), actor).id();
            sessions.enter(session, new TestSessions.ManualReadings(List.of(
                    new Measurement("seat_width_mm", 401, "mm"), new Measurement("seat_depth_mm", 418, "mm"))), actor);
            sessions.answer(session, new TestSessions.ChecklistAnswer("brakes_hold", true, null), actor);
            sessions.decide(session, actor);
            unit = production.unit(serial);
            if (!unit.station().equals(TILT_STATION)) {
                throw new IllegalStateException("Demo unit " + serial + " is at " + unit.station() + ", not " + TILT_STATION);
            }
        }
    }
}
