package org.tavan.quality;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/** Stand-in rigs for the demo: a calibrated tilt table, one overdue, and a hearing-aid test box. */
public final class QualitySeed implements DemoData.Seed {

    private final LocalRigData rigs;
    private final Clock clock;

    public QualitySeed(LocalRigData rigs, Clock clock) {
        this.rigs = rigs;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "test rigs (stand-in registry): TILT-01, TILT-02 (calibration overdue), HATB-01";
    }

    @Override
    public void plant(Actor actor) {
        rigs.register("TILT-01", new LocalRigData.RigRegistration("tilt-table",
                clock.instant().plus(120, ChronoUnit.DAYS), "CAL-1405-031"), actor);
        rigs.register("TILT-02", new LocalRigData.RigRegistration("tilt-table",
                clock.instant().minus(3, ChronoUnit.DAYS), "CAL-1404-112"), actor);
        rigs.register("HATB-01", new LocalRigData.RigRegistration("hearing-aid-test-box",
                clock.instant().plus(200, ChronoUnit.DAYS), "CAL-1405-007"), actor);
    }
}
