package org.tavan.production;

import java.time.Instant;
import java.util.List;

/**
 * What the floor sees after scanning a label: where the unit is and what to do next.
 * {@code nextAction} is a stable code (start, complete_or_fail, open_test_session,
 * start_rework, complete_rework, release, none) with {@code station} saying where.
 * {@code failureReasons} are the reason codes the failed button offers at this step.
 */
public record UnitView(String serial, long workOrderId, String modelCode, String variantCode, String state,
                       int stepSeq, int stepCount, String station, boolean testStation, String testPlanCode,
                       String nextAction, int reworkCount, List<String> failureReasons, List<StepRecord> history) {

    /** One visit to a station, with its duration once ended. */
    public record StepRecord(int seq, String station, boolean rework, Instant startedAt, String startedBy,
                             Instant endedAt, String endedBy, String outcome, String reason, Long seconds) {
    }
}
