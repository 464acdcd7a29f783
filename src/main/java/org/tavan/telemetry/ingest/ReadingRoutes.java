package org.tavan.telemetry.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.rigs.Rigs;
import org.tavan.web.Access;
import org.tavan.web.Routes;

/** A rig's stored readings for anyone signed in. */
public final class ReadingRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Rigs rigs;
    private final ReadingStore store;
    private final LiveReadings live;

    public ReadingRoutes(Rigs rigs, ReadingStore store, LiveReadings live) {
        this.rigs = rigs;
        this.store = store;
        this.live = live;
    }

    public void addTo(Routes routes) {
        routes.tag("rigs");
        routes.get("/api/rigs/{id}/readings", Access.signedIn(), ctx -> {
            String rigId = ctx.pathParam("id");
            Instant since = since(ctx.queryParam("since"));
            int limit = limit(ctx.queryParam("limit"));
            rigs.get(rigId);
            ctx.json(store.newest(rigId, since, limit));
        }).summary("The rig's readings received at or after 'since' (ISO-8601 instant), newest first; "
                + "limit 1-" + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")").returnsListOf(ReadingStore.ReadingView.class);
        routes.sse("/api/rigs/{id}/live", Access.signedIn(), client -> {
            String rigId = client.ctx().pathParam("id");
            try {
                rigs.get(rigId);
            } catch (NotFound e) {
                client.sendEvent("error", e.getMessage());
                client.close();
                return;
            }
            client.keepAlive();
            client.sendComment("watching " + rigId);
            client.onClose(live.watch(rigId, new LiveReadings.Watcher() {
                @Override
                public void send(String event, String data) {
                    client.sendEvent(event, data);
                }

                @Override
                public void close() {
                    client.close();
                }
            }));
        }).summary("Server-sent events: one 'reading' event (JSON) per reading of the rig as it is committed");
    }

    private static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("since", "since must be an ISO-8601 instant such as 2026-11-25T08:00:00Z");
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidInput("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
