package org.tavan.admin;

import org.tavan.auth.Role;
import org.tavan.settings.OrganisationSettings;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

public final class SettingsRoutes {

    private final OrganisationSettings settings;

    public SettingsRoutes(OrganisationSettings settings) {
        this.settings = settings;
    }

    public void addTo(Routes routes) {
        routes.tag("settings");
        routes.get("/api/settings", Access.signedIn(), ctx -> ctx.json(settings.all()))
                .summary("Organisation settings shown on screens and labels");
        routes.put("/api/settings/{key}", Access.roles(Role.ADMIN), ctx -> ctx.json(settings.set(ctx.pathParam("key"),
                        ctx.bodyAsClass(OrganisationSettings.NewValue.class).value(), RequestContext.actor(ctx))))
                .summary("Change one setting").body(OrganisationSettings.NewValue.class)
                .returns(OrganisationSettings.SettingValue.class);
    }
}
