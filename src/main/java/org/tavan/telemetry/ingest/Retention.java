package org.tavan.telemetry.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.storage.Database;

/**
 * Deletes raw readings older than {@code readings.retention.days}, except every reading
 * inside a {@code reading_holds} range of the same rig (the readings a verdict points to). Deletes in small
 * chunks so the ingest writer never waits long for the database.
 */
public final class Retention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int CHUNK = 5_000;

    private final Database db;
    private final Clock clock;
    private final Duration keep;
    private ScheduledExecutorService timer;

    public Retention(Database db, Clock clock, Duration keep) {
        this.db = db;
        this.clock = clock;
        this.keep = keep;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tavan-readings-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                purge();
            } catch (RuntimeException e) {
                log.warn("Readings retention failed, will retry: {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    /** Returns how many readings were deleted. */
    public long purge() {
        Instant cutoff = clock.instant().minus(keep);
        long total = 0;
        int deleted;
        do {
            deleted = db.inTransaction(h -> h.createUpdate("""
                            DELETE FROM readings WHERE id IN (
                              SELECT r.id FROM readings r
                               WHERE r.received_at < :cutoff
                                 AND NOT EXISTS (SELECT 1 FROM reading_holds k
                                                  WHERE r.id BETWEEN k.first_reading_id AND k.last_reading_id
                                                    AND (k.rig_id IS NULL OR k.rig_id = r.rig_id))
                               LIMIT :chunk)""")
                    .bind("cutoff", cutoff).bind("chunk", CHUNK).execute());
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) {
            log.info("Readings retention deleted {} readings received before {}", total, cutoff);
        }
        return total;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
