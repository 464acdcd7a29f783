package org.tavan.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tavan.catalog.TestPlan;
import org.tavan.rigs.RigId;

/**
 * What a session's verdict is computed from: the rig's readings while it was open, values typed
 * in for it, and its events (pauses, checklist answers, replacements, checkpoints) in order.
 */
record SessionEvidence(List<Reading> fromRig, List<Reading> typedIn, List<TestSessions.Event> events) {

    List<Reading> readings() {
        List<Reading> all = new ArrayList<>(fromRig);
        all.addAll(typedIn);
        return all;
    }

    /** Rig readings are read by the caller once, so a verdict holds exactly the readings it was computed from. */
    static SessionEvidence of(QualityDao dao, RegisteredRigData rigs, QualityDao.SessionRow s, Instant until) {
        List<Reading> fromRig = s.rigId() == null ? List.of()
                : rigs.readings(RigId.of(s.rigId()), s.openedAt(), s.closedAt() == null ? until : s.closedAt());
        return new SessionEvidence(fromRig, dao.typedIn(s.id()), dao.events(s.id()));
    }

    VerdictCalculator.Input input(TestPlan plan, Map<String, Object> specs) {
        List<VerdictCalculator.Interval> pauses = new ArrayList<>();
        Instant pausedAt = null;
        Map<String, Boolean> checklist = new LinkedHashMap<>();
        int replacements = 0;
        List<Long> checkpoints = new ArrayList<>();
        for (TestSessions.Event e : events) {
            switch (e.kind()) {
                case "paused" -> pausedAt = e.at();
                case "resumed" -> {
                    if (pausedAt != null) {
                        pauses.add(new VerdictCalculator.Interval(pausedAt, e.at()));
                    }
                    pausedAt = null;
                }
                case "checklist" -> checklist.put(e.itemKey(), e.passed());
                case "replacement" -> replacements++;
                case "checkpoint" -> checkpoints.add(e.cycles());
                default -> { }
            }
        }
        if (pausedAt != null) {
            pauses.add(new VerdictCalculator.Interval(pausedAt, null));
        }
        return new VerdictCalculator.Input(plan, specs, readings(), pauses, checklist, replacements, checkpoints);
    }
}
