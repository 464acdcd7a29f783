package org.tavan.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tavan.storage.Database;
import org.tavan.telemetry.ingest.IngestSource;
import org.tavan.telemetry.ingest.IngestWatch;

/**
 * GET /health: 200 only when the database answers, the rig-message source (MQTT broker or
 * national queue) is connected, and ingest is not stalled: messages waiting while nothing is
 * committed count as down even though every connection looks fine.
 */
public final class HealthRoutes {

    private final Database db;
    private final IngestSource source;
    private final IngestWatch watch;
    private final boolean embeddedBroker;

    public HealthRoutes(Database db, IngestSource source, IngestWatch watch, boolean embeddedBroker) {
        this.db = db;
        this.source = source;
        this.watch = watch;
        this.embeddedBroker = embeddedBroker;
    }

    public record Health(String status, Map<String, Object> database, Map<String, Object> broker,
                         Map<String, Object> ingest) {
    }

    public void addTo(Routes routes) {
        routes.tag("service");
        routes.get("/health", Access.anyone(), ctx -> {
            Health health = check();
            ctx.status(health.status().equals("up") ? 200 : 503).json(health);
        }).summary("Liveness of the database, the broker connection and ingest itself (503 when any is down or stalled)")
                .returns(Health.class);
    }

    public Health check() {
        boolean dbUp = db.isUp();
        boolean brokerUp = source.isConnected();
        IngestWatch.State ingestState = watch.state();
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("status", dbUp ? "up" : "down");
        database.put("kind", db.dialect().name().toLowerCase());
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("status", brokerUp ? "up" : "down");
        broker.put("kind", source.kind());
        broker.put("url", source.url());
        broker.put("embedded", embeddedBroker);
        if (!brokerUp && source.lastProblem() != null) {
            broker.put("problem", source.lastProblem());
        }
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("status", ingestState.stalled() ? "stalled" : "flowing");
        ingest.put("waiting", ingestState.waitingInTavan());
        ingest.put("waitingAtBroker", ingestState.waitingAtBroker());
        ingest.put("secondsSinceCommit", ingestState.secondsSinceCommit());
        if (ingestState.problem() != null) {
            ingest.put("problem", ingestState.problem());
        }
        boolean up = dbUp && brokerUp && !ingestState.stalled();
        return new Health(up ? "up" : "down", database, broker, ingest);
    }
}
