package org.tavan.production;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unit's moves on its routing, in the one place they are written down. */
class UnitStateTest {

    @Test
    void a_step_is_waited_for_worked_on_then_the_next_waits_or_the_unit_has_finished() {
        assertThat(UnitState.WAITING.canBecome(UnitState.IN_PROGRESS)).isTrue();
        assertThat(UnitState.IN_PROGRESS.canBecome(UnitState.WAITING)).isTrue();
        assertThat(UnitState.IN_PROGRESS.canBecome(UnitState.FINISHED)).isTrue();
        assertThat(UnitState.WAITING.canBecome(UnitState.FINISHED)).as("no step skipped").isFalse();
    }

    @Test
    void a_failed_step_goes_to_rework_and_rework_comes_back_to_the_same_step() {
        assertThat(UnitState.IN_PROGRESS.canBecome(UnitState.REWORK_WAITING)).isTrue();
        assertThat(UnitState.REWORK_WAITING.canBecome(UnitState.REWORK_IN_PROGRESS)).isTrue();
        assertThat(UnitState.REWORK_IN_PROGRESS.canBecome(UnitState.WAITING)).isTrue();
        assertThat(UnitState.REWORK_IN_PROGRESS.canBecome(UnitState.FINISHED)).isFalse();
    }

    @Test
    void only_a_finished_unit_is_released_a_released_one_only_reopens_and_a_scrapped_one_never_moves() {
        for (UnitState s : UnitState.values()) {
            assertThat(s.canBecome(UnitState.RELEASED)).as(s + " -> released").isEqualTo(s == UnitState.FINISHED);
        }
        assertThat(UnitState.RELEASED.next()).containsExactly(UnitState.REWORK_WAITING);
        assertThat(UnitState.SCRAPPED.next()).isEmpty();
        assertThatThrownBy(() -> UnitState.SCRAPPED.requireCanBecome(UnitState.WAITING))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_stored_code_is_the_lower_case_name() {
        assertThat(UnitState.REWORK_IN_PROGRESS.code()).isEqualTo("rework_in_progress");
        assertThat(UnitState.of("rework_in_progress")).isEqualTo(UnitState.REWORK_IN_PROGRESS);
    }
}
