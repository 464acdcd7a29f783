package org.tavan.catalog;

/** One station of a model's routing; a test station names the plan it applies. */
public record RoutingStep(int seq, String station, String testPlanCode) {

    public boolean test() {
        return testPlanCode != null;
    }
}
