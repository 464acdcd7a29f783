package org.tavan.quality;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tavan.errors.NotFound;

/** Verdicts as screens and the API read them, each with its nonconformance if it failed: one query per list. */
final class VerdictReads {

    private final ObjectMapper json;

    VerdictReads(ObjectMapper json) {
        this.json = json;
    }

    TestSessions.VerdictView one(QualityDao dao, long id) {
        return dao.verdict(id).map(this::view).orElseThrow(() -> new NotFound("Verdict", id));
    }

    List<TestSessions.VerdictView> ofUnit(QualityDao dao, String serial) {
        return dao.verdictsOf(serial).stream().map(this::view).toList();
    }

    /** The stored result a verdict was decided on, as it was computed. */
    VerdictCalculator.Result result(TestSessions.VerdictView verdict) {
        try {
            return json.treeToValue(verdict.detail().get("result"), VerdictCalculator.Result.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored verdict " + verdict.id() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private TestSessions.VerdictView view(QualityDao.VerdictRow v) {
        return new TestSessions.VerdictView(v.id(), v.sessionId(), v.serial(), v.modelCode(), v.stepSeq(), v.station(),
                v.planId(), v.planCode(), v.planVersion(), v.outcome(), tree(v.detailJson()), v.rigId(), v.rigKind(),
                v.rigCalibrationDue(), v.rigCertificate(), v.computedAt(), v.computedBy(), v.nc());
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored verdict is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
