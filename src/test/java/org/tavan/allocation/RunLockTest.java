package org.tavan.allocation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.audit.Actor;
import org.tavan.auth.Scope;
import org.tavan.errors.Conflict;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One allocation run at a time on the database: while a run (of this or another instance: the
 * lock is a row, not a JVM lock) holds allocation_run_lock, another is refused with
 * run_in_progress; a dead holder is taken over after the timeout, and the run it held cannot write.
 */
class RunLockTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_second_run_is_refused_while_one_holds_the_lock(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            Allocations allocations = AllocationServices.on(db).allocations();
            // Another instance's run in progress.
            RunLock other = new RunLock(db, Clock.systemUTC());
            String held = other.take();
            assertThatThrownBy(() -> allocations.run(Scope.NATIONAL, Actor.user("officer", "test")))
                    .isInstanceOf(Conflict.class).hasMessageContaining("Another allocation run");
            assertThatThrownBy(other::take).isInstanceOf(Conflict.class);
            other.giveBack(held);
            assertThat(allocations.run(Scope.NATIONAL, Actor.user("officer", "test")).policyVersion()).isEqualTo("v3");
            int free = db.read(h -> h.createQuery("SELECT COUNT(*) FROM allocation_run_lock WHERE holder IS NULL")
                    .mapTo(Integer.class).one());
            assertThat(free).as("released after the run").isEqualTo(1);

            // A holder that died: taken over after the timeout, and the dead run can no longer write.
            String dead = other.take();
            RunLock later = new RunLock(db, Clock.fixed(Instant.now().plus(RunLock.TIMEOUT).plusSeconds(60), ZoneOffset.UTC));
            String taker = later.take();
            assertThatThrownBy(() -> db.useTransaction(h -> other.stillHeld(h, dead))).isInstanceOf(Conflict.class);
            db.useTransaction(h -> later.stillHeld(h, taker));
            later.giveBack(taker);
        }
    }
}
