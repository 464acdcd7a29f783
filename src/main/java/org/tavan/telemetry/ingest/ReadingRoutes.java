package org.tavan.telemetry.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.tavan.errors.InvalidInput;
import org.tavan.rigs.Rigs;
import org.tavan.web.Access;
import org.tavan.web.Routes;

/** A rig's stored readings for anyone signed in. */
public final class ReadingRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Rigs rigs;
    private final ReadingStore store;

    public ReadingRoutes(Rigs rigs, ReadingStore store) {
        this.rigs = rigs;
        this.store = store;
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
