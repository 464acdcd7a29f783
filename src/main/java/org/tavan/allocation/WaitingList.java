package org.tavan.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tavan.auth.Scope;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.Province;
import org.tavan.errors.InvalidInput;

/**
 * The officers' waiting list: every waiting assessment with its priority under the policy in
 * force, scored by {@link Policy#score} on the date a matcher run would use, and sorted as the
 * matcher ranks people (priority, then earlier registration, then smaller id). So the list and
 * the proposals agree on who comes first. Only the officer's scope is listed (filtered in SQL).
 */
public final class WaitingList {

    /** One waiting assessment as the screen shows it; personal data, for officers only. */
    public record Line(long assessmentId, long beneficiaryId, String fullName, String province, String county,
                       String centre, String deviceClass, LocalDate registeredOn, boolean child,
                       boolean womanHeadOfHousehold, boolean rural, Policy.Score score, LocalDate assessedOn,
                       long rank) {
    }

    /** {@code total} waiting after the filters; {@code lines} the first {@code limit} of them by priority. */
    public record View(LocalDate asOf, String policyVersion, int total, List<Line> lines) {
    }

    private final Beneficiaries beneficiaries;
    private final Allocations allocations;

    public WaitingList(Beneficiaries beneficiaries, Allocations allocations) {
        this.beneficiaries = beneficiaries;
        this.allocations = allocations;
    }

    /** Filters are optional (null or blank = all); an unknown province or a malformed class is refused. */
    public View list(String province, String deviceClass, int limit, Scope scope) {
        String p = blankToNull(province);
        String c = blankToNull(deviceClass);
        if (p != null && Province.byCode(p).isEmpty()) {
            throw new InvalidInput("province", "Unknown province code '" + p + "'; use 01..31");
        }
        if (c != null && !c.matches("[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2})?")) {
            throw new InvalidInput("deviceClass", "Not an ISO 9999 class code like 12.22: '" + c + "'");
        }
        LocalDate asOf = allocations.today();
        Policy policy = allocations.policy();
        List<Line> lines = new ArrayList<>();
        for (Beneficiaries.NamedWaiting n : beneficiaries.waitingList(p, c, scope)) {
            WaitingBeneficiary b = WaitingBeneficiary.of(n.waiting(), asOf);
            Policy.Score score = policy.score(b, asOf);
            lines.add(new Line(n.waiting().assessmentId(), b.id(), n.fullName(), b.province(), n.county(),
                    n.waiting().centre(), b.deviceClass(), b.registeredOn(), b.child(), b.womanHeadOfHousehold(),
                    b.rural(), score, b.assessedOn(), policy.rank(score)));
        }
        // The matcher's strict order but its draw (which is per run): priority, earlier assessment, earlier registration.
        lines.sort(Comparator.comparingLong(Line::rank).reversed()
                .thenComparing(Line::assessedOn).thenComparing(Line::registeredOn)
                .thenComparingLong(Line::assessmentId));
        return new View(asOf, policy.version(), lines.size(), List.copyOf(lines.subList(0, Math.min(limit, lines.size()))));
    }

    public List<String> deviceClasses(Scope scope) {
        return beneficiaries.waitingDeviceClasses(scope);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
