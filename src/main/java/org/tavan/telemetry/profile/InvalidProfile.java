package org.tavan.telemetry.profile;

import java.util.List;

/** A profile file that cannot be used; {@link #problems()} names each field and what is wrong with it. */
public final class InvalidProfile extends Exception {

    private final List<ProfileProblem> problems;

    public InvalidProfile(List<ProfileProblem> problems) {
        super(problems.stream().map(ProfileProblem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid profile"));
        this.problems = List.copyOf(problems);
    }

    public List<ProfileProblem> problems() {
        return problems;
    }
}
