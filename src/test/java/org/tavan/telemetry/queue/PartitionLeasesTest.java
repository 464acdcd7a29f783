package org.tavan.telemetry.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;
import org.tavan.testing.HandClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the national instances share the partition queues, on both databases: each holds its fair
 * share, none holds a partition another holds, a silent instance's partitions go to the others
 * after the silence, and one that leaves gives them up at once.
 */
class PartitionLeasesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void instances_split_the_partitions_take_over_a_silent_one_and_get_back_a_leaver_s_at_once(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            HandClock clock = new HandClock(Instant.parse("2026-12-03T08:00:00Z"));
            PartitionLeases a = new PartitionLeases(db, clock, "tavan-a", 8);
            PartitionLeases b = new PartitionLeases(db, clock, "tavan-b", 8);
            PartitionLeases c = new PartitionLeases(db, clock, "tavan-c", 8);

            assertThat(a.renew()).as("alone, a holds everything").containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(b.renew()).as("b arrives while a still holds all").isEmpty();
            Set<Integer> aHeld = a.renew();
            Set<Integer> bHeld = b.renew();
            assertThat(aHeld).as("a gives back its highest four").containsExactly(0, 1, 2, 3);
            assertThat(bHeld).containsExactly(4, 5, 6, 7);

            c.renew();
            a.renew();
            b.renew();
            Set<Integer> cHeld = c.renew();
            List<Set<Integer>> three = List.of(a.renew(), b.renew(), c.renew());
            assertThat(three.stream().map(Set::size).toList()).as("8 over 3: 3, 3, 2 in name order").containsExactly(3, 3, 2);
            assertDisjointAndComplete(three, 8);
            assertThat(cHeld).isNotEmpty();

            // c falls silent (kill -9): after the silence the others hold everything between them.
            clock.advance(PartitionLeases.SILENCE.minusSeconds(1));
            a.renew();
            b.renew();
            assertThat(a.renew().size() + b.renew().size()).as("c is not forgotten before its silence is over").isEqualTo(6);
            clock.advance(Duration.ofSeconds(2));
            a.renew();
            b.renew();
            List<Set<Integer>> two = List.of(a.renew(), b.renew());
            assertThat(two.stream().map(Set::size).toList()).containsExactly(4, 4);
            assertDisjointAndComplete(two, 8);

            // b leaves gracefully: a takes its four at its next renewal, with no silence to wait out.
            b.leave();
            assertThat(a.renew()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        }
    }

    @Test
    void shares_differ_by_at_most_one_and_add_up_to_the_partitions() {
        for (int live = 1; live <= 9; live++) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < live; i++) {
                ids.add("i" + i);
            }
            int sum = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (String id : ids) {
                int share = PartitionLeases.shareOf(ids, id, 8);
                sum += share;
                min = Math.min(min, share);
                max = Math.max(max, share);
            }
            assertThat(sum).as("%d instances", live).isEqualTo(8);
            assertThat(max - min).as("%d instances", live).isLessThanOrEqualTo(1);
        }
        assertThat(PartitionLeases.shareOf(List.of("x"), "not-live", 8)).isZero();
    }

    private static void assertDisjointAndComplete(List<Set<Integer>> held, int partitions) {
        Set<Integer> all = new HashSet<>();
        for (Set<Integer> one : held) {
            for (int p : one) {
                assertThat(all.add(p)).as("partition %d held twice in %s", p, held).isTrue();
            }
        }
        assertThat(all).as("every partition held by someone: %s", held).hasSize(partitions);
    }
}
