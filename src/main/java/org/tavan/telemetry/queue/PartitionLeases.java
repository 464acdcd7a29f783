package org.tavan.telemetry.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.tavan.storage.Database;

/**
 * Which partition queues this instance reads. Every instance calls {@link #renew()} once a
 * second while it is connected to the queue engine; the call says it is alive and returns the
 * partitions it holds, claiming or giving back partitions until each live instance holds its
 * fair share (the partitions divided by the live instances, the first ones in name order taking
 * one more when they do not divide evenly). An instance that stops renewing for {@link #SILENCE}
 * is forgotten with its partitions, which the others claim on their next renewal.
 *
 * <p>The table only decides who subscribes; the partition queues are also single-active-consumer,
 * so during a hand-over, or if two instances ever disagree about the table, RabbitMQ still feeds
 * each partition to one consumer at a time.
 */
final class PartitionLeases {

    /** How long an instance may stay silent before the others take its partitions. */
    static final Duration SILENCE = Duration.ofSeconds(5);

    private final Database database;
    /** Any constant shared by all instances: the advisory lock that makes lease transactions take turns. */
    private static final long LEASE_LOCK_KEY = 0x7461766E6C656173L;

    private final Clock clock;
    private final String instanceId;
    private final int partitions;

    PartitionLeases(Database database, Clock clock, String instanceId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        this.database = database;
        this.clock = clock;
        this.instanceId = instanceId;
        this.partitions = partitions;
    }

    /** Says this instance is alive and returns the partitions it holds now, in order. */
    Set<Integer> renew() {
        return database.inTransaction(h -> {
            serialise(h);
            long now = clock.millis();
            h.createUpdate("""
                    INSERT INTO ingest_instances (instance_id, seen_at) VALUES (:me, :now)
                    ON CONFLICT (instance_id) DO UPDATE SET seen_at = excluded.seen_at""")
                    .bind("me", instanceId).bind("now", now).execute();
            h.createUpdate("DELETE FROM ingest_instances WHERE seen_at < :cutoff")
                    .bind("cutoff", now - SILENCE.toMillis()).execute();
            h.createUpdate("DELETE FROM ingest_partition_leases WHERE instance_id NOT IN (SELECT instance_id FROM ingest_instances)")
                    .execute();
            List<String> live = h.createQuery("SELECT instance_id FROM ingest_instances ORDER BY instance_id")
                    .mapTo(String.class).list();
            int share = shareOf(live, instanceId, partitions);
            TreeSet<Integer> mine = held(h);
            while (mine.size() > share) {
                // Give back the highest: the claims below take the lowest free ones, so a
                // partition moves only when the number of instances changes.
                int extra = mine.pollLast();
                h.createUpdate("DELETE FROM ingest_partition_leases WHERE partition_no = :p AND instance_id = :me")
                        .bind("p", extra).bind("me", instanceId).execute();
            }
            if (mine.size() < share) {
                Set<Integer> taken = new TreeSet<>(h.createQuery("SELECT partition_no FROM ingest_partition_leases")
                        .mapTo(Integer.class).list());
                List<Integer> free = new ArrayList<>();
                for (int p = 0; p < partitions && free.size() < share - mine.size(); p++) {
                    if (!taken.contains(p)) {
                        free.add(p);
                    }
                }
                for (int p : free) {
                    // Another instance may claim the same partition at the same moment: the key
                    // lets one of them have it, and the other sees that when it reads back.
                    h.createUpdate("""
                            INSERT INTO ingest_partition_leases (partition_no, instance_id, renewed_at)
                            VALUES (:p, :me, :now) ON CONFLICT (partition_no) DO NOTHING""")
                            .bind("p", p).bind("me", instanceId).bind("now", now).execute();
                }
                mine = held(h);
            }
            h.createUpdate("UPDATE ingest_partition_leases SET renewed_at = :now WHERE instance_id = :me")
                    .bind("now", now).bind("me", instanceId).execute();
            return mine;
        });
    }

    /** Gives back every partition at once (a graceful stop), so the others need not wait out the silence. */
    void leave() {
        database.useTransaction(h -> {
            serialise(h);
            h.createUpdate("DELETE FROM ingest_partition_leases WHERE instance_id = :me").bind("me", instanceId).execute();
            h.createUpdate("DELETE FROM ingest_instances WHERE instance_id = :me").bind("me", instanceId).execute();
        });
    }

    /**
     * One lease transaction at a time across all instances. Each renewal writes its own instance
     * row and deletes the others' stale rows and leases: two renewals at once locked those rows
     * in opposite orders and PostgreSQL reported a deadlock (NationalIngestTest failed once in
     * CI). A renewal is a few statements once a second, so taking turns costs nothing; SQLite
     * has a single writer already.
     */
    private void serialise(org.jdbi.v3.core.Handle h) {
        if (database.dialect() == org.tavan.storage.Dialect.POSTGRESQL) {
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS turn").bind("key", LEASE_LOCK_KEY)
                    .mapTo(Integer.class).one();
        }
    }

    private TreeSet<Integer> held(org.jdbi.v3.core.Handle h) {
        return new TreeSet<>(h.createQuery("SELECT partition_no FROM ingest_partition_leases WHERE instance_id = :me")
                .bind("me", instanceId).mapTo(Integer.class).list());
    }

    /** This instance's fair share of the partitions among the live instances (sorted by id). */
    static int shareOf(List<String> liveInOrder, String me, int partitions) {
        int index = liveInOrder.indexOf(me);
        int live = liveInOrder.size();
        if (index < 0 || live == 0) {
            return 0;
        }
        return partitions / live + (index < partitions % live ? 1 : 0);
    }
}
