package org.tavan.telemetry.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.rigs.RigActivity;
import org.tavan.storage.Database;
import org.tavan.telemetry.DecodedFrame;

/**
 * The single ingest writer: takes frames from a bounded queue, commits them in batches of
 * one transaction each, and only then acknowledges them to their source. A crash before the
 * commit leaves every frame of the batch unacknowledged, so the broker sends it again; the
 * unique keys make that second delivery a counted duplicate. A failed commit is retried,
 * never dropped. One writer thread also keeps SQLite free of write-lock contention.
 */
public final class IngestWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestWriter.class);
    static final int MAX_BATCH = 2000;

    /**
     * One frame from any transport: decoded, or rejected with a reason. {@code ack} tells the
     * source the frame is safely stored (or safely counted as rejected).
     */
    public record Frame(String rigId, Instant receivedAt, byte[] raw, DecodedFrame decoded, String rejectReason,
                        String rejectMessage, String reportId, Runnable ack) {

        public static Frame accepted(String rigId, Instant receivedAt, byte[] raw, DecodedFrame decoded, Runnable ack) {
            return new Frame(rigId, receivedAt, raw, decoded, null, null, null, ack);
        }

        public static Frame rejected(String rigId, Instant receivedAt, String reason, String message, Runnable ack) {
            return new Frame(rigId, receivedAt, null, null, reason, message, null, ack);
        }

        /**
         * A rejection a gateway reported, with the id it gives that report: the gateway resends
         * reports like frames, and a report already counted is then a duplicate, not a second rejection.
         */
        public static Frame reported(String rigId, Instant receivedAt, String reason, String message, String reportId,
                                     Runnable ack) {
            return new Frame(rigId, receivedAt, null, null, reason, message, reportId, ack);
        }
    }

    private final Database db;
    private final ReadingStore store;
    private final RigActivity activity;
    private final SequenceEpochs epochs;
    private final LiveReadings live;
    private final BlockingQueue<Frame> queue;
    private final Thread thread;
    private final Counter accepted;
    private final Counter duplicates;
    private final MeterRegistry metrics;
    private final DistributionSummary batchSizes;
    private final Timer commitLatency;
    private volatile boolean running = true;
    // What /health weighs: frames taken from a transport and not yet committed, and when the
    // writer last moved (a commit, or the first frame after an empty spell).
    private final java.util.concurrent.atomic.AtomicLong uncommitted = new java.util.concurrent.atomic.AtomicLong();
    private volatile long progressNanos = System.nanoTime();
    private volatile long commitNanos = System.nanoTime();
    private volatile String commitProblem;

    /** How far the writer is behind: frames waiting in Tavan, and how long since it last moved. */
    public record Progress(long uncommitted, Duration sinceProgress, Duration sinceCommit, String commitProblem) {
    }

    public Progress progress() {
        long now = System.nanoTime();
        return new Progress(uncommitted.get(), Duration.ofNanos(now - progressNanos), Duration.ofNanos(now - commitNanos),
                commitProblem);
    }

    public IngestWriter(Database db, ReadingStore store, RigActivity activity, LiveReadings live, MeterRegistry metrics,
                        int queueCapacity) {
        this.db = db;
        this.live = live;
        this.store = store;
        this.activity = activity;
        this.epochs = new SequenceEpochs();
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.accepted = Counter.builder("tavan.ingest.frames").tag("result", "accepted")
                .description("Frames from rigs by outcome").register(metrics);
        this.duplicates = Counter.builder("tavan.ingest.frames").tag("result", "duplicate")
                .description("Frames from rigs by outcome").register(metrics);
        Counter.builder("tavan.ingest.frames").tag("result", "rejected")
                .description("Frames from rigs by outcome").register(metrics);
        this.batchSizes = DistributionSummary.builder("tavan.ingest.batch.size")
                .description("Frames per committed ingest batch").register(metrics);
        this.commitLatency = Timer.builder("tavan.ingest.commit").description("Time to commit one ingest batch")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.thread = new Thread(this::run, "tavan-ingest-writer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Queues a frame, waiting while the queue is full (back-pressure on the transport).
     * Returns false when the writer is stopping: the frame is then not acknowledged.
     */
    public boolean submit(Frame frame) {
        try {
            while (running) {
                if (queue.offer(frame, 200, TimeUnit.MILLISECONDS)) {
                    if (uncommitted.incrementAndGet() == 1) {
                        progressNanos = System.nanoTime();
                    }
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void run() {
        List<Frame> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Frame first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (commitUntilDone(batch)) {
                    for (Frame f : batch) {
                        acknowledge(f);
                    }
                }
                uncommitted.addAndGet(-batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug, not a storage outage: keep the writer alive; the frames stay unacknowledged.
                log.error("Ingest writer dropped a batch of {} unacknowledged frames", batch.size(), e);
                uncommitted.addAndGet(-batch.size());
                commitProblem = e.toString();
                batch.clear();
            }
        }
    }

    private static void acknowledge(Frame f) {
        try {
            f.ack().run();
        } catch (RuntimeException e) {
            log.debug("Acknowledgement failed (the frame will be redelivered and counted as duplicate): {}", e.toString());
        }
    }

    /** True once committed; false only when stopping (the batch stays unacknowledged). */
    private boolean commitUntilDone(List<Frame> batch) throws InterruptedException {
        long backoff = 100;
        while (running) {
            try {
                long start = System.nanoTime();
                Outcome outcome = commit(batch);
                commitLatency.record(Duration.ofNanos(System.nanoTime() - start));
                batchSizes.record(batch.size());
                accepted.increment(outcome.accepted());
                duplicates.increment(outcome.duplicates());
                commitNanos = System.nanoTime();
                progressNanos = commitNanos;
                commitProblem = null;
                return true;
            } catch (RuntimeException e) {
                commitProblem = e.toString();
                log.warn("Ingest commit of {} frames failed, retrying in {} ms: {}", batch.size(), backoff, e.toString());
                Thread.sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
        return false;
    }

    private record Outcome(long accepted, long duplicates) {
    }

    private static final class PerRig {
        Instant lastSeen = Instant.EPOCH;
        long accepted;
        long duplicates;
        final List<long[]> newSequences = new ArrayList<>();
        final List<RigActivity.Rejection> rejections = new ArrayList<>();
    }

    private Outcome commit(List<Frame> batch) {
        List<ReadingStore.Row> rows = new ArrayList<>(batch.size());
        List<Frame> stored = new ArrayList<>(batch.size());
        for (Frame f : batch) {
            if (f.decoded() != null) {
                rows.add(store.row(f.rigId(), f.receivedAt(), f.raw(), f.decoded()));
                stored.add(f);
            }
        }
        List<Frame> newlyStored = new ArrayList<>();
        List<Frame> newReports = new ArrayList<>();
        Outcome outcome = db.inTransaction(h -> {
            newlyStored.clear();
            newReports.clear();
            // Every rig the batch touches, rejections included, locked up front in one sorted
            // order: a rig locked later in arrival order could deadlock with another instance.
            Map<String, RigActivity.SequenceState> locked = activity.lockInOrder(
                    batch.stream().map(Frame::rigId).filter(java.util.Objects::nonNull).toList());
            List<ReadingStore.Row> assigned = epochs.assign(h, rows, locked);
            boolean[] inserted = store.insert(h, assigned);
            Map<String, PerRig> rigs = new LinkedHashMap<>();
            long acceptedCount = 0;
            long duplicateCount = 0;
            for (int i = 0; i < stored.size(); i++) {
                Frame f = stored.get(i);
                PerRig r = rigs.computeIfAbsent(f.rigId(), k -> new PerRig());
                if (f.receivedAt().isAfter(r.lastSeen)) {
                    r.lastSeen = f.receivedAt();
                }
                if (inserted[i]) {
                    if (live.anyoneWatching(f.rigId())) {
                        newlyStored.add(f);
                    }
                    r.accepted++;
                    acceptedCount++;
                    ReadingStore.Row row = assigned.get(i);
                    if (row.sequence() != null) {
                        r.newSequences.add(new long[] {row.epoch(), row.sequence()});
                    }
                } else {
                    r.duplicates++;
                    duplicateCount++;
                }
            }
            for (Frame f : batch) {
                if (f.decoded() == null && f.rigId() != null) {
                    PerRig r = rigs.computeIfAbsent(f.rigId(), k -> new PerRig());
                    if (f.receivedAt().isAfter(r.lastSeen)) {
                        r.lastSeen = f.receivedAt();
                    }
                    if (f.reportId() != null && !activity.firstReport(f.rigId(), f.reportId())) {
                        r.duplicates++;
                        duplicateCount++;
                        continue;
                    }
                    if (f.reportId() != null) {
                        newReports.add(f);
                    }
                    r.rejections.add(new RigActivity.Rejection(f.receivedAt(), f.rejectReason(), f.rejectMessage()));
                }
            }
            for (Map.Entry<String, PerRig> e : rigs.entrySet()) {
                PerRig r = e.getValue();
                r.newSequences.sort(java.util.Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
                long[] seqEpochs = r.newSequences.stream().mapToLong(x -> x[0]).toArray();
                long[] seqs = r.newSequences.stream().mapToLong(x -> x[1]).toArray();
                activity.record(new RigActivity.RigBatch(e.getKey(), r.lastSeen, r.accepted, r.duplicates, seqs,
                        seqEpochs, r.rejections), java.util.Optional.ofNullable(locked.get(e.getKey())));
            }
            return new Outcome(acceptedCount, duplicateCount);
        });
        for (Frame f : newReports) {
            countRejection(f.rigId(), "gateway report " + f.reportId(), f.rejectReason(), f.rejectMessage());
        }
        for (Frame f : newlyStored) {
            live.committed(new LiveReadings.LiveReading(f.rigId(),
                    f.decoded().sequence().isPresent() ? f.decoded().sequence().getAsLong() : null,
                    f.decoded().deviceTime().orElse(null), f.receivedAt(), f.decoded().measurements(),
                    f.decoded().events()));
        }
        return outcome;
    }

    /** Counts and logs a rejected frame; the caller still submits it so the rig's counters change. */
    public void countRejection(String rigId, String source, String reason, String message) {
        metrics.counter("tavan.ingest.frames", "result", "rejected").increment();
        metrics.counter("tavan.ingest.rejections", "reason", reason).increment();
        log.info("Rejected frame from {} ({}): {}: {}", rigId == null ? "unknown rig" : rigId, source, reason, message);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
