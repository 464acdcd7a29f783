package org.tavan.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.tavan.auth.Scope;
import org.tavan.errors.Conflict;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two instances recording the same step of one case at the same moment. On PostgreSQL (read
 * committed) both read the case's status before either writes, so only a status guard on the
 * update can stop the second. SQLite takes the write lock at BEGIN and never interleaves them.
 */
class ConcurrentStepsTest {

    @Test
    void of_two_officers_recording_the_same_step_at_once_one_wins_and_the_other_gets_a_conflict() throws Exception {
        try (Database db = Database.open(TestDatabases.postgres(), null)) {
            db.migrate();
            CaseDesk desk = new CaseDesk(db);
            long caseId = desk.distribution.open(new Distribution.OpenCase(desk.approvedProposal("TVN-1", 10)),
                    Scope.NATIONAL, CaseDesk.OFFICER).id();
            // Shipping, receipt and hand-over are AllocationEndToEndTest's; here the case is simply at the step before.
            db.useTransaction(h -> h.execute("UPDATE service_cases SET status = 'handed_over' WHERE id = ?", caseId));

            ExecutorService officers = Executors.newFixedThreadPool(2);
            List<Future<Distribution.CaseView>> attempts = new ArrayList<>();
            try (Handle blocker = db.jdbi().open()) {
                // Hold the case's row so both officers have read 'handed_over' and wait at their update.
                blocker.begin();
                blocker.execute("SELECT id FROM service_cases WHERE id = ? FOR UPDATE", caseId);
                for (int i = 0; i < 2; i++) {
                    String notes = "fitting " + i;
                    attempts.add(officers.submit(() -> desk.distribution.fitting(caseId,
                            new Distribution.Fitting(notes, null, null, null), Scope.NATIONAL, CaseDesk.OFFICER)));
                }
                awaitWaitingOnLock(blocker, 2, attempts);
                blocker.commit();
            }

            int won = 0;
            List<Throwable> lost = new ArrayList<>();
            for (Future<Distribution.CaseView> attempt : attempts) {
                try {
                    assertThat(attempt.get(30, TimeUnit.SECONDS).status()).isEqualTo("fitted");
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    lost.add(e.getCause());
                }
            }
            officers.shutdown();
            assertThat(won).isEqualTo(1);
            assertThat(lost).singleElement().isInstanceOfSatisfying(Conflict.class,
                    c -> assertThat(c.reason()).isEqualTo("step_out_of_order"));
            assertThat(db.<Integer, RuntimeException>read(h -> h.createQuery("SELECT COUNT(*) FROM service_steps WHERE case_id = :c AND step = 6")
                    .bind("c", caseId).mapTo(Integer.class).one())).isEqualTo(1);
            assertThat(db.<Integer, RuntimeException>read(h -> h.createQuery("""
                            SELECT COUNT(*) FROM audit_log
                             WHERE action = 'service_case.status_changed' AND entity_id = :c""")
                    .bind("c", String.valueOf(caseId)).mapTo(Integer.class).one())).isEqualTo(1);
        }
    }

    /**
     * Until {@code sessions} other backends wait behind the blocker: the first on its row lock, the
     * next in the row's queue behind the first. Polls PostgreSQL's own view, no sleeping.
     */
    private static void awaitWaitingOnLock(Handle blocker, int sessions, List<Future<Distribution.CaseView>> attempts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            int waiting = blocker.createQuery("""
                            WITH RECURSIVE waiting (pid) AS (
                                SELECT pg_backend_pid()
                                UNION
                                SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid)))
                            SELECT COUNT(*) - 1 FROM waiting""")
                    .mapTo(Integer.class).one();
            if (waiting >= sessions) {
                return;
            }
            Thread.onSpinWait();
        }
        for (Future<Distribution.CaseView> attempt : attempts) {
            if (attempt.isDone()) {
                try {
                    attempt.get();
                } catch (Exception e) {
                    throw new AssertionError("An officer's step ended before the row was free", e);
                }
            }
        }
        fail("The two officers never both reached their update");
    }
}
