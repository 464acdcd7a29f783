package org.tavan.allocation;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.tavan.errors.Conflict;
import org.tavan.storage.Database;

/**
 * One allocation run at a time on the database, whichever instance starts it: a run holds the
 * single row of {@code allocation_run_lock}. Two runs at once used to both write proposals,
 * duplicates nobody could approve both of. A holder older than {@link #TIMEOUT} (an instance
 * that died mid-run) is taken over; the run writes its proposals only if it still holds the
 * row ({@link #stillHeld}), in the same transaction, so a run that was taken over writes nothing.
 */
final class RunLock {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Database db;
    private final Clock clock;

    RunLock(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The holder token; 409 {@code run_in_progress} if another run holds the lock. */
    String take() {
        String holder = UUID.randomUUID().toString();
        long now = clock.millis();
        int n = db.inTransaction(h -> h.createUpdate("""
                        UPDATE allocation_run_lock SET holder = :holder, since = :now
                         WHERE id = 1 AND (holder IS NULL OR since < :stale)""")
                .bind("holder", holder).bind("now", now).bind("stale", now - TIMEOUT.toMillis()).execute());
        if (n == 0) {
            throw new Conflict("run_in_progress", "Another allocation run is in progress; try again when it has finished");
        }
        return holder;
    }

    void stillHeld(Handle h, String holder) {
        int n = h.createUpdate("UPDATE allocation_run_lock SET since = since WHERE id = 1 AND holder = :holder")
                .bind("holder", holder).execute();
        if (n == 0) {
            throw new Conflict("run_in_progress", "This allocation run took too long and another run took over");
        }
    }

    void giveBack(String holder) {
        db.inTransaction(h -> h.createUpdate("UPDATE allocation_run_lock SET holder = NULL, since = NULL WHERE id = 1 AND holder = :holder")
                .bind("holder", holder).execute());
    }
}
