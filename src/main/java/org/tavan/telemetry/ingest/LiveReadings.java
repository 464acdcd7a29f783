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
import io.javalin.http.sse.SseClient;
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
    private final ConcurrentHashMap<String, Set<SseClient>> watchers = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "tavan-live-readings");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public LiveReadings(ObjectMapper json) {
        this.json = json;
    }

    void watch(String rigId, SseClient client) {
        Set<SseClient> set = watchers.computeIfAbsent(rigId, k -> ConcurrentHashMap.newKeySet());
        set.add(client);
        client.onClose(() -> set.remove(client));
        client.keepAlive();
        client.sendComment("watching " + rigId);
    }

    boolean anyoneWatching(String rigId) {
        Set<SseClient> set = watchers.get(rigId);
        return set != null && !set.isEmpty();
    }

    void committed(LiveReading reading) {
        Set<SseClient> set = watchers.get(reading.rigId());
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
            for (SseClient client : set) {
                try {
                    client.sendEvent("reading", data);
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
