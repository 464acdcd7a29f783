package org.tavan.telemetry.ingest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether rig messages are really being stored, not only whether a TCP connection is up:
 * a broker that takes publishes but stops delivering, or a database that stops committing,
 * leaves the connection green while every reading piles up. Ingest counts as stalled when
 * frames have waited in Tavan, or messages at the broker, for longer than {@code stallAfter}
 * with no commit; or when the source has been disconnected (refused, lost) for that long.
 * Checked every second so the log says when it turns and when it recovers, even if nobody
 * polls /health.
 */
public final class IngestWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestWatch.class);

    /** {@code problem} is null while ingest flows (or has nothing to do). */
    public record State(boolean stalled, String problem, long waitingInTavan, long waitingAtBroker,
                        long secondsSinceCommit) {
    }

    private final IngestWriter writer;
    private final IngestSource source;
    private final Duration stallAfter;
    private final ScheduledExecutorService ticker;
    private volatile State state;
    private volatile long disconnectedSince = -1;

    public IngestWatch(IngestWriter writer, IngestSource source, Duration stallAfter, MeterRegistry metrics) {
        this.writer = writer;
        this.source = source;
        this.stallAfter = stallAfter;
        this.state = new State(false, null, 0, -1, 0);
        Gauge.builder("tavan.ingest.stalled", () -> state.stalled() ? 1 : 0)
                .description("1 while rig messages wait with nothing committed (see /health)").register(metrics);
        Gauge.builder("tavan.ingest.waiting", () -> state.waitingInTavan())
                .description("Frames received and not yet committed").register(metrics);
        Gauge.builder("tavan.ingest.broker.waiting", () -> state.waitingAtBroker())
                .description("Messages waiting at the broker for this installation (-1: the broker cannot tell)")
                .register(metrics);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tavan-ingest-watch");
            t.setDaemon(true);
            return t;
        });
    }

    public IngestWatch start() {
        tick(); // so the first /health already has figures, not the placeholders
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    public State state() {
        return state;
    }

    private void tick() {
        try {
            State next = evaluate();
            State before = state;
            state = next;
            if (next.stalled() && !before.stalled()) {
                log.warn("Ingest stalled: {}", next.problem());
            } else if (!next.stalled() && before.stalled()) {
                log.info("Ingest flows again (was: {})", before.problem());
            }
        } catch (RuntimeException e) {
            log.warn("Ingest watch could not look: {}", e.toString());
        }
    }

    State evaluate() {
        IngestWriter.Progress p = writer.progress();
        long atBroker = source.waitingAtBroker();
        long sinceCommit = p.sinceCommit().toSeconds();
        if (source.isConnected()) {
            disconnectedSince = -1;
        } else if (disconnectedSince < 0) {
            disconnectedSince = System.nanoTime();
        }
        if (disconnectedSince >= 0 && System.nanoTime() - disconnectedSince > stallAfter.toNanos()) {
            return new State(true, "the " + source.kind() + " connection to " + source.url() + " has been down for over "
                    + stallAfter.toSeconds() + " s: " + source.lastProblem(), p.uncommitted(), atBroker, sinceCommit);
        }
        if (p.uncommitted() > 0 && p.sinceProgress().compareTo(stallAfter) > 0) {
            return new State(true, p.uncommitted() + " frames received but nothing committed for "
                    + p.sinceProgress().toSeconds() + " s" + (p.commitProblem() == null ? ""
                    : " (last commit failed: " + p.commitProblem() + ")"), p.uncommitted(), atBroker, sinceCommit);
        }
        if (p.uncommitted() == 0 && atBroker > 0 && p.sinceCommit().compareTo(stallAfter) > 0) {
            return new State(true, atBroker + " messages wait at the broker but none reached Tavan for "
                    + sinceCommit + " s", 0, atBroker, sinceCommit);
        }
        return new State(false, null, p.uncommitted(), atBroker, sinceCommit);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
