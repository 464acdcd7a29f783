package org.tavan.rigs;

import java.util.List;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/**
 * The demo workshop's rigs, one of each shipped kind, in workshops of several provinces. Their
 * MQTT passwords are not printed: rotate one (POST /api/rigs/{id}/credentials) to connect a
 * simulator to it.
 */
public final class RigDemo implements DemoData.Seed {

    private record DemoRig(String id, String profile, String workshop, String station, String cert, String due) {
    }

    private static final List<DemoRig> RIGS = List.of(
            new DemoRig("drum-teh-01", "double-drum-drm", "کارگاه ارتوپدی فنی تهران", "آزمون خستگی دوغلتکی",
                    "CAL-1404-0112", "2026-09-21"),
            new DemoRig("curb-teh-01", "curb-drop-kv", "کارگاه ارتوپدی فنی تهران", "آزمون افتادن از جدول",
                    "CAL-1404-0113", "2026-09-21"),
            new DemoRig("tilt-isf-01", "tilt-table-json", "کارگاه توانبخشی اصفهان", "میز شیب پایداری ایستا",
                    "CAL-1404-0207", "2026-06-10"),
            new DemoRig("prl-msh-01", "prosthesis-load-prl", "کارگاه پروتز مشهد", "آزمون بار سازه‌ای پروتز",
                    "CAL-1404-0311", "2026-12-01"),
            new DemoRig("hat-shz-01", "hearing-aid-testbox", "مرکز شنوایی‌شناسی شیراز", "جعبه آزمون سمعک",
                    "CAL-1404-0420", "2026-04-15"),
            new DemoRig("mat-tbz-01", "pressure-mat-16", "مرکز توانبخشی تبریز", "اتاق تطبیق بالشتک",
                    "CAL-1404-0502", "2026-08-30"));

    private final Rigs rigs;
    private final java.util.function.Predicate<String> loaded;

    public RigDemo(Rigs rigs, java.util.function.Predicate<String> profileLoaded) {
        this.rigs = rigs;
        this.loaded = profileLoaded;
    }

    @Override
    public String name() {
        return "rigs";
    }

    @Override
    public void plant(Actor actor) {
        for (DemoRig r : RIGS) {
            if (loaded.test(r.profile())) {
                rigs.register(new Rigs.NewRig(r.id(), r.profile(), r.workshop(), r.station(), r.cert(), r.due()), actor);
            }
        }
    }
}
