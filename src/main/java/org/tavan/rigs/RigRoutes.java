package org.tavan.rigs;

import org.tavan.auth.Role;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** The rig registry for technicians: anyone signed in reads, technicians, quality and admins change. */
public final class RigRoutes {

    private final Rigs rigs;

    public RigRoutes(Rigs rigs) {
        this.rigs = rigs;
    }

    public void addTo(Routes routes) {
        Access write = Access.roles(Role.TECHNICIAN, Role.QUALITY, Role.ADMIN);
        routes.tag("rigs");
        routes.get("/api/rigs", Access.signedIn(), ctx -> ctx.json(rigs.list()))
                .summary("All rigs with status, counters and sequence gaps").returnsListOf(RigView.class);
        routes.get("/api/rigs/{id}", Access.signedIn(), ctx -> ctx.json(rigs.get(ctx.pathParam("id"))))
                .summary("One rig").returns(RigView.class);
        routes.post("/api/rigs", write, ctx -> ctx.status(201).json(rigs.register(
                        ctx.bodyAsClass(Rigs.NewRig.class), RequestContext.actor(ctx))))
                .summary("Register a rig; the response holds its MQTT password, shown only once")
                .body(Rigs.NewRig.class).returns(Rigs.Credentials.class);
        routes.patch("/api/rigs/{id}", write, ctx -> ctx.json(rigs.change(ctx.pathParam("id"),
                        ctx.bodyAsClass(Rigs.RigChange.class), RequestContext.actor(ctx))))
                .summary("Change a rig's kind, place, calibration or active flag")
                .body(Rigs.RigChange.class).returns(RigView.class);
        routes.post("/api/rigs/{id}/credentials", write, ctx -> ctx.json(rigs.rotateCredentials(
                        ctx.pathParam("id"), RequestContext.actor(ctx))))
                .summary("Replace the rig's MQTT password; the new one is shown only once")
                .returns(Rigs.Credentials.class);
    }
}
