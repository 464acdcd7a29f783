package org.tavan.distribution;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.auth.Scope;
import org.tavan.allocation.Allocations;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The approved proposals that wait for a service case, on the officers' case list. */
class AwaitingCasesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_new_approval_awaits_a_case_even_when_the_list_is_full_of_proposals_that_have_one(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            CaseDesk desk = new CaseDesk(db);
            // Three high-priority approvals already have their case: they fill a list of three.
            for (int i = 1; i <= 3; i++) {
                long proposal = desk.approvedProposal("TVN-" + i, 100 - i);
                desk.distribution.open(new Distribution.OpenCase(proposal), Scope.NATIONAL, CaseDesk.OFFICER);
            }
            long waiting = desk.approvedProposal("TVN-4", 10);

            assertThat(desk.distribution.awaitingCase(3, Scope.NATIONAL)).extracting(Allocations.ProposalView::id)
                    .containsExactly(waiting);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void opening_its_case_takes_a_proposal_off_the_awaiting_list_highest_priority_first(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            CaseDesk desk = new CaseDesk(db);
            long low = desk.approvedProposal("TVN-1", 5);
            long high = desk.approvedProposal("TVN-2", 50);
            long middle = desk.approvedProposal("TVN-3", 20);
            assertThat(desk.distribution.awaitingCase(500, Scope.NATIONAL)).extracting(Allocations.ProposalView::id)
                    .containsExactly(high, middle, low);

            desk.distribution.open(new Distribution.OpenCase(middle), Scope.NATIONAL, CaseDesk.OFFICER);

            assertThat(desk.distribution.awaitingCase(500, Scope.NATIONAL)).extracting(Allocations.ProposalView::id)
                    .containsExactly(high, low);
        }
    }
}
