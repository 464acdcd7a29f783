package org.tavan.telemetry.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;

/**
 * Committed readings pushed to browsers watching a rig (server-sent events), for the moving
 * chart of the current run. Best effort by design: events go out on their own thread and are
 * dropped when a watcher is too slow, so the ingest writer never waits for a browser. The
 * stored readings stay the truth; with several instances a watcher sees the readings its own
 * instance committed.
 */
public final class LiveReadings implements AutoCloseable {

    public record LiveReading(String rigId, Long sequence, Instant deviceTime, Instant receivedAt,
                              List<Measurement> measurements, List<RigEvent> events) {
    }

    private final ObjectMapper json;
    private final ConcurrentHashMap<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "tavan-live-readings");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public LiveReadings(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A live screen's event stream, where a rig's committed readings are sent. The screen's
     * routes adapt their HTTP stream to it, so reading delivery knows nothing of the web.
     */
    interface Watcher {
        /** Throws when the watcher has gone; it is then dropped. */
        void send(String event, String data);

        void close();
    }

    /** Sends the rig's readings to the watcher from now on; running the returned action stops it. */
    Runnable watch(String rigId, Watcher watcher) {
        Set<Watcher> set = watchers.computeIfAbsent(rigId, k -> ConcurrentHashMap.newKeySet());
        set.add(watcher);
        return () -> set.remove(watcher);
    }

    boolean anyoneWatching(String rigId) {
        Set<Watcher> set = watchers.get(rigId);
        return set != null && !set.isEmpty();
    }

    void committed(LiveReading reading) {
        Set<Watcher> set = watchers.get(reading.rigId());
        if (set == null || set.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            String data;
            try {
                data = json.writeValueAsString(reading);
            } catch (JsonProcessingException e) {
                return;
            }
            for (Watcher client : set) {
                try {
                    client.send("reading", data);
                } catch (RuntimeException gone) {
                    set.remove(client);
                }
            }
        });
    }

    @Override
    public void close() {
        sender.shutdownNow();
        watchers.values().forEach(set -> set.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }));
    }
}
