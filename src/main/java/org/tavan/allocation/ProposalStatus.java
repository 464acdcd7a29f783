package org.tavan.allocation;

import java.util.Locale;

/**
 * Where a proposal stands: the matcher proposes, an officer approves or rejects, a newer run
 * supersedes what nobody decided. Only a proposed one moves; the others are final.
 */
public enum ProposalStatus {
    PROPOSED, APPROVED, REJECTED, SUPERSEDED;

    /** As stored and shown in the API. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean canBecome(ProposalStatus to) {
        return this == PROPOSED && to != PROPOSED;
    }
}
