package org.tavan.rigs;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/**
 * The demo workshop's rigs, one of each shipped kind, in workshops of several provinces, plus
 * the Tehran workshop's two tilt tables where the demo work order's wheelchairs wait for their
 * stability test: {@code tilt-teh-01} calibrated, {@code tilt-teh-02} overdue, so the refusal can
 * be seen. Calibration dates count from the day the demo is planted, so the demo stays as meant
 * whenever it is started. Their MQTT passwords are not printed: rotate one
 * (POST /api/rigs/{id}/credentials) to connect a simulator to it.
 */
public final class RigDemo implements DemoData.Seed {

    private record DemoRig(String id, String profile, String workshop, String station, String cert, int dueInDays) {
    }

    /** The calibrated demo tilt table of the Tehran workshop (docs/production-and-quality.md). */
    public static final String TILT_RIG = "tilt-teh-01";
    /** Same kind, calibration overdue. */
    public static final String OVERDUE_TILT_RIG = "tilt-teh-02";

    private static final String TEHRAN = "کارگاه مرکزی تهران";

    private static final List<DemoRig> RIGS = List.of(
            new DemoRig("drum-teh-01", "double-drum-drm", TEHRAN, "آزمون خستگی دوغلتکی", "CAL-1404-0112", 300),
            new DemoRig("curb-teh-01", "curb-drop-kv", TEHRAN, "آزمون افتادن از جدول", "CAL-1404-0113", 300),
            new DemoRig(TILT_RIG, "tilt-table-json", TEHRAN, "آزمون پایداری ایستا", "CAL-1405-0031", 120),
            new DemoRig(OVERDUE_TILT_RIG, "tilt-table-json", TEHRAN, "آزمون پایداری ایستا", "CAL-1404-0212", -3),
            new DemoRig("tilt-isf-01", "tilt-table-json", "کارگاه توانبخشی اصفهان", "میز شیب پایداری ایستا",
                    "CAL-1404-0207", 200),
            new DemoRig("prl-msh-01", "prosthesis-load-prl", "کارگاه پروتز مشهد", "آزمون بار سازه‌ای پروتز",
                    "CAL-1404-0311", 360),
            new DemoRig("hat-shz-01", "hearing-aid-testbox", "مرکز شنوایی‌شناسی شیراز", "جعبه آزمون سمعک",
                    "CAL-1404-0420", 140),
            new DemoRig("mat-tbz-01", "pressure-mat-16", "مرکز توانبخشی تبریز", "اتاق تطبیق بالشتک",
                    "CAL-1404-0502", 270));

    private final Rigs rigs;
    private final java.util.function.Predicate<String> loaded;
    private final Clock clock;

    public RigDemo(Rigs rigs, java.util.function.Predicate<String> profileLoaded, Clock clock) {
        this.rigs = rigs;
        this.loaded = profileLoaded;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "rigs";
    }

    @Override
    public void plant(Actor actor) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (DemoRig r : RIGS) {
            if (loaded.test(r.profile())) {
                rigs.register(new Rigs.NewRig(r.id(), r.profile(), r.workshop(), r.station(), r.cert(),
                        today.plusDays(r.dueInDays()).toString()), actor);
            }
        }
    }
}
