package org.tavan.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tavan.storage.Database;
import org.tavan.telemetry.mqtt.MqttConnection;

/** GET /health: 200 only when the database answers and the MQTT session is connected. */
public final class HealthRoutes {

    private final Database db;
    private final MqttConnection mqtt;
    private final boolean embeddedBroker;

    public HealthRoutes(Database db, MqttConnection mqtt, boolean embeddedBroker) {
        this.db = db;
        this.mqtt = mqtt;
        this.embeddedBroker = embeddedBroker;
    }

    public record Health(String status, Map<String, Object> database, Map<String, Object> mqtt) {
    }

    public void addTo(Routes routes) {
        routes.tag("service");
        routes.get("/health", Access.anyone(), ctx -> {
            Health health = check();
            ctx.status(health.status().equals("up") ? 200 : 503).json(health);
        }).summary("Liveness of the database and the MQTT connection (503 when either is down)").returns(Health.class);
    }

    Health check() {
        boolean dbUp = db.isUp();
        boolean mqttUp = mqtt.isConnected();
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("status", dbUp ? "up" : "down");
        database.put("kind", db.dialect().name().toLowerCase());
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("status", mqttUp ? "up" : "down");
        broker.put("url", mqtt.url());
        broker.put("embedded", embeddedBroker);
        if (!mqttUp && mqtt.lastProblem() != null) {
            broker.put("problem", mqtt.lastProblem());
        }
        return new Health(dbUp && mqttUp ? "up" : "down", database, broker);
    }
}
