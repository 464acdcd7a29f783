package org.tavan.web;

import java.time.Instant;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.tavan.auth.Principal;
import org.tavan.auth.Role;
import org.tavan.auth.Sessions;
import org.tavan.auth.Users;

/** Sign-in and sign-out for the API (bearer token) and the UI (the same token in a cookie). */
public final class AuthRoutes {

    private final Sessions sessions;
    private final Users users;

    public AuthRoutes(Sessions sessions, Users users) {
        this.sessions = sessions;
        this.users = users;
    }

    public record SignInRequest(String username, String password) {
    }

    public record SessionView(String token, Instant expiresAt, String username, String displayName,
                              List<String> roles, String language) {
    }

    public record Me(String username, String displayName, List<String> roles, String language) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    public void addTo(Routes routes) {
        routes.tag("auth");
        routes.post("/api/session", Access.anyone(), this::signIn)
                .summary("Sign in; returns a bearer token and sets the session cookie")
                .body(SignInRequest.class).returns(SessionView.class);
        routes.delete("/api/session", Access.signedIn(), this::signOut).summary("Sign out (revokes the token)");
        routes.get("/api/session", Access.signedIn(), ctx -> ctx.json(me(RequestContext.principal(ctx))))
                .summary("Who is signed in").returns(Me.class);
        routes.put("/api/session/password", Access.signedIn(), this::changeOwnPassword)
                .summary("Change your own password (ends your other sessions)").body(PasswordChange.class);
    }

    private void signIn(Context ctx) {
        SignInRequest request = ctx.bodyAsClass(SignInRequest.class);
        Sessions.SignedIn signedIn = sessions.signIn(request.username(), request.password(), RequestContext.clientAddress(ctx),
                RequestContext.requestId(ctx));
        Cookie cookie = new Cookie(WebServer.SESSION_COOKIE, signedIn.token(), "/",
                (int) sessions.lifetime().toSeconds(), RequestContext.https(ctx), 0, true, null, null, SameSite.LAX);
        ctx.cookie(cookie);
        Principal p = signedIn.principal();
        ctx.status(201).json(new SessionView(signedIn.token(), signedIn.expiresAt(), p.username(), p.displayName(),
                roleCodes(p), p.language()));
    }

    private void signOut(Context ctx) {
        // The bearer token: the API takes no cookie for a change (see WebServer.authenticate).
        String token = RequestContext.token(ctx);
        sessions.signOut(token, RequestContext.principal(ctx), RequestContext.requestId(ctx));
        ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
        ctx.status(204);
    }

    private void changeOwnPassword(Context ctx) {
        PasswordChange change = ctx.bodyAsClass(PasswordChange.class);
        Principal p = RequestContext.principal(ctx);
        users.changeOwnPassword(p.username(), change.currentPassword(), change.newPassword(), RequestContext.actor(ctx));
        ctx.status(204);
    }

    static Me me(Principal p) {
        return new Me(p.username(), p.displayName(), roleCodes(p), p.language());
    }

    private static List<String> roleCodes(Principal p) {
        return p.roles().stream().map(Role::code).sorted().toList();
    }
}
