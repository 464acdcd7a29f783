package org.tavan.telemetry.queue;

import java.util.Set;

import io.javalin.http.Context;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.telemetry.mqtt.BrokerAccess;
import org.tavan.web.Access;
import org.tavan.web.Routes;

/**
 * RabbitMQ's HTTP auth backend (plugin rabbitmq_auth_backend_http) asks these routes whether a
 * rig may sign in and publish, so that in the national deployment rigs are exactly the rigs
 * registered in Tavan, with the password Tavan showed, allowed the topics the embedded broker
 * allows (the same {@link BrokerAccess.RigGate}): a registration or a rotated password takes
 * effect at the rig's next sign-in with no rabbitmqctl step. Only the RabbitMQ nodes named in
 * {@code ingest.queue.auth.nodes} may ask; to anyone else the routes do not exist.
 */
public final class BrokerAuthRoutes {

    static final String PREFIX = "/broker-auth";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final BrokerAccess.RigGate rigs;
    private final Set<String> nodes;

    public BrokerAuthRoutes(BrokerAccess.RigGate rigs, Set<String> nodes) {
        this.rigs = rigs;
        this.nodes = Set.copyOf(nodes);
    }

    public void addTo(Routes routes) {
        routes.tag("broker");
        routes.post(PREFIX + "/user", Access.anyone(), ctx -> answer(ctx,
                rigs.authenticate(field(ctx, "username"), field(ctx, "password").getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .consumes(FORM).summary("RabbitMQ asks: may this rig sign in with this password (allow/deny)");
        // RabbitMQ asks for the virtual host only after the user check allowed the rig's sign-in;
        // the rig's rights are decided per exchange, queue and topic below.
        routes.post(PREFIX + "/vhost", Access.anyone(), ctx -> answer(ctx, !field(ctx, "username").isEmpty()))
                .consumes(FORM).summary("RabbitMQ asks: may this rig use the virtual host (allow/deny)");
        routes.post(PREFIX + "/resource", Access.anyone(), ctx -> answer(ctx,
                resource(field(ctx, "username"), field(ctx, "resource"), field(ctx, "name"), field(ctx, "permission"))))
                .consumes(FORM).summary("RabbitMQ asks: may this rig use this exchange or queue (allow/deny)");
        routes.post(PREFIX + "/topic", Access.anyone(), ctx -> answer(ctx,
                topic(field(ctx, "username"), field(ctx, "name"), field(ctx, "permission"), field(ctx, "routing_key"))))
                .consumes(FORM).summary("RabbitMQ asks: may this rig publish with this routing key (allow/deny)");
    }

    private String field(Context ctx, String name) {
        if (!nodes.contains(ctx.req().getRemoteAddr())) {
            throw new NotFound("Route", ctx.path());
        }
        String value = ctx.formParam(name);
        if (value == null) {
            throw new InvalidInput(name, "RabbitMQ's auth request has no '" + name + "'");
        }
        return value;
    }

    /**
     * What the MQTT plugin needs for a rig that only publishes: write on amq.topic, and its own
     * session queue should its client ever subscribe; nothing else.
     */
    private static boolean resource(String username, String resource, String name, String permission) {
        if (resource.equals("exchange")) {
            return name.equals(QueueIngest.MQTT_EXCHANGE) && permission.equals("write");
        }
        return resource.equals("queue") && name.startsWith("mqtt-subscription-" + username)
                && (permission.equals("configure") || permission.equals("write") || permission.equals("read"));
    }

    private boolean topic(String username, String exchange, String permission, String routingKey) {
        return exchange.equals(QueueIngest.MQTT_EXCHANGE) && permission.equals("write")
                && rigs.mayPublish(username, QueueIngest.topicOf(routingKey));
    }

    private static void answer(Context ctx, boolean allow) {
        ctx.contentType("text/plain").result(allow ? "allow" : "deny");
    }
}
