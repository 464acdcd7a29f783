package org.tavan.admin;

import org.tavan.auth.Role;
import org.tavan.auth.UserView;
import org.tavan.auth.Users;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** User administration: head-office administrators only. */
public final class UserRoutes {

    private final Users users;

    public UserRoutes(Users users) {
        this.users = users;
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
    }
}
