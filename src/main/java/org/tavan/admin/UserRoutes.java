package org.tavan.admin;

import org.tavan.auth.Role;
import org.tavan.auth.Scope;
import org.tavan.auth.UserScopes;
import org.tavan.auth.UserView;
import org.tavan.auth.Users;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** User administration, data scopes included: head-office administrators only. */
public final class UserRoutes {

    private final Users users;
    private final UserScopes scopes;

    public UserRoutes(Users users, UserScopes scopes) {
        this.users = users;
        this.scopes = scopes;
    }

    public void addTo(Routes routes) {
        Access admin = Access.roles(Role.ADMIN);
        routes.tag("users");
        routes.get("/api/users", admin, ctx -> ctx.json(users.list()))
                .summary("All users with their roles").returnsListOf(UserView.class);
        routes.get("/api/users/{username}", admin, ctx -> ctx.json(users.get(ctx.pathParam("username"))))
                .summary("One user").returns(UserView.class);
        routes.post("/api/users", admin, ctx -> ctx.status(201).json(users.create(
                        ctx.bodyAsClass(Users.NewUser.class), RequestContext.actor(ctx))))
                .summary("Create a user").body(Users.NewUser.class).returns(UserView.class);
        routes.patch("/api/users/{username}", admin, ctx -> ctx.json(users.change(ctx.pathParam("username"),
                        ctx.bodyAsClass(Users.UserChange.class), RequestContext.actor(ctx))))
                .summary("Change a user's name, roles, language, password or active flag")
                .body(Users.UserChange.class).returns(UserView.class);
        routes.get("/api/users/{username}/scope", admin, ctx -> ctx.json(scopes.get(ctx.pathParam("username"))))
                .summary("A user's data scope: national, or the provinces (and centres) they see and allocate to")
                .returns(Scope.class);
        routes.put("/api/users/{username}/scope", admin, ctx -> {
            Scope scope = ctx.bodyAsClass(Scope.Request.class).checked();
            ctx.json(scopes.set(ctx.pathParam("username"), scope, RequestContext.actor(ctx)));
        }).summary("Set a user's data scope ({\"national\": true} or {\"provinces\": [\"08\"], \"centres\": []}); audited")
                .body(Scope.Request.class).returns(Scope.class);
    }
}
