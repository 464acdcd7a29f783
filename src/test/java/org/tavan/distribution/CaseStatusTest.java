package org.tavan.distribution;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service case's moves, in the one place they are written down. */
class CaseStatusTest {

    @Test
    void a_case_walks_whos_steps_in_order_from_open_to_closed() {
        CaseStatus s = CaseStatus.OPEN;
        for (CaseStatus next : new CaseStatus[] {CaseStatus.SHIPPED, CaseStatus.RECEIVED, CaseStatus.HANDED_OVER,
                CaseStatus.FITTED, CaseStatus.TRAINED, CaseStatus.CLOSED}) {
            assertThat(s.canBecome(next)).as(s + " -> " + next).isTrue();
            s = next;
        }
        assertThat(CaseStatus.OPEN.canBecome(CaseStatus.HANDED_OVER)).as("no step skipped").isFalse();
        assertThat(CaseStatus.FITTED.canBecome(CaseStatus.HANDED_OVER)).as("no step back").isFalse();
    }

    @Test
    void only_a_unit_the_person_has_had_can_be_returned_and_a_returned_case_ends() {
        Set<CaseStatus> returnable = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            if (s.canBecome(CaseStatus.RETURNED)) {
                returnable.add(s);
            }
        }
        assertThat(returnable).containsExactlyInAnyOrder(CaseStatus.HANDED_OVER, CaseStatus.FITTED, CaseStatus.TRAINED,
                CaseStatus.CLOSED);
        assertThat(CaseStatus.RETURNED.next()).isEmpty();
    }

    @Test
    void the_stored_code_is_the_lower_case_name() {
        assertThat(CaseStatus.HANDED_OVER.code()).isEqualTo("handed_over");
        assertThat(CaseStatus.of("handed_over")).isEqualTo(CaseStatus.HANDED_OVER);
    }
}
