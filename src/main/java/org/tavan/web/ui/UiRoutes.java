package org.tavan.web.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.tavan.auth.Principal;
import org.tavan.auth.Role;
import org.tavan.auth.Sessions;
import org.tavan.auth.Users;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotSignedIn;
import org.tavan.errors.TooManyAttempts;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.WebServer;

/**
 * The tablet UI shell: sign-in and sign-out, the language switch and the home screen of each
 * role (the administrators' screens are the admin package's). Sessions are the API's: the cookie carries the same
 * token a bearer client would send, so UI sessions expire and are revoked exactly like those.
 */
public final class UiRoutes {

    private static final int YEAR_SECONDS = 365 * 24 * 3600;

    private final Pages pages;
    private final Sessions sessions;
    private final Users users;

    public UiRoutes(Pages pages, Sessions sessions, Users users) {
        this.pages = pages;
        this.sessions = sessions;
        this.users = users;
    }

    public void addTo(Routes routes) {
        routes.tag("ui");
        routes.errorPage(pages::errorPage);
        routes.page("/login", Access.anyone(), this::loginPage).summary("Sign-in page");
        routes.pagePost("/login", Access.anyone(), (this::login)).summary("Sign in from the form");
        routes.pagePost("/logout", Access.signedIn(), (this::logout)).summary("Sign out");
        routes.pagePost("/language", Access.anyone(), (this::language))
                .summary("Switch the interface language (kept for the user and in a cookie)");
        routes.page(HomeTiles.HOME, Access.signedIn(), this::home).summary("Home screen with the tiles of the user's roles");
        routes.page(HomeTiles.FLOOR_SCAN, Access.roles(Role.FLOOR, Role.ADMIN), this::floorScan)
                .summary("Goes to the unit whose serial was scanned or typed");
    }

    private void loginPage(Context ctx) {
        if (RequestContext.optionalPrincipal(ctx).isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next")));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("next", safeNext(ctx.queryParam("next")));
        model.put("username", "");
        model.put("errors", Map.of());
        pages.render(ctx, "login", model);
    }

    private void login(Context ctx) {
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
        String next = safeNext(ctx.formParam("next"));
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            Sessions.SignedIn signedIn = sessions.signIn(username, ctx.formParam("password"), RequestContext.clientAddress(ctx),
                    RequestContext.requestId(ctx));
            ctx.cookie(new Cookie(WebServer.SESSION_COOKIE, signedIn.token(), "/", (int) sessions.lifetime().toSeconds(),
                    RequestContext.https(ctx), 0, true, null, null, SameSite.LAX));
            ctx.redirect(next);
            return;
        } catch (InvalidInput e) {
            errors.put(e.field(), pages.text(ctx, "auth.login.required." + e.field()));
            ctx.status(400);
        } catch (NotSignedIn e) {
            errors.put("form", pages.text(ctx, "auth.login.wrong"));
            ctx.status(401);
        } catch (TooManyAttempts e) {
            errors.put("form", pages.text(ctx, "auth.login.throttled", e.retryAfterSeconds()));
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            ctx.status(429);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("next", next);
        model.put("username", username);
        model.put("errors", errors);
        pages.render(ctx, "login", model);
    }

    private void logout(Context ctx) {
        String token = ctx.cookie(WebServer.SESSION_COOKIE);
        if (token != null) {
            sessions.signOut(token, RequestContext.principal(ctx), RequestContext.requestId(ctx));
        }
        ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
        ctx.redirect("/login");
    }

    private void language(Context ctx) {
        Language chosen = Language.parse(ctx.formParam("lang"), null);
        if (chosen == null) {
            throw new InvalidInput("lang", "Language must be 'fa' or 'en'");
        }
        ctx.cookie(new Cookie(Pages.LANGUAGE_COOKIE, chosen.code(), "/", YEAR_SECONDS, RequestContext.https(ctx),
                0, true, null, null, SameSite.LAX));
        RequestContext.optionalPrincipal(ctx).ifPresent(user -> users.change(user.username(),
                new Users.UserChange(null, null, chosen.code(), null, null), RequestContext.actor(ctx)));
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    private void home(Context ctx) {
        Principal user = RequestContext.principal(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("tiles", pages.tiles(user));
        model.put("scan", user.roles().contains(Role.FLOOR));
        model.put("roles", user.roles().stream().map(Role::code).sorted().toList());
        model.put("notices", pages.notices().of(ctx));
        pages.render(ctx, "home", model);
    }

    /** A scanner types the serial and Enter; the unit's own screen is built by the production feature. */
    private void floorScan(Context ctx) {
        String serial = ctx.queryParam("serial") == null ? "" : ctx.queryParam("serial").strip();
        if (serial.isEmpty()) {
            ctx.redirect(HomeTiles.HOME);
            return;
        }
        ctx.redirect(HomeTiles.FLOOR_UNITS + "/" + URLEncoder.encode(serial, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Only same-site paths, so that a crafted link cannot send someone elsewhere after signing in. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return HomeTiles.HOME;
        }
        return next;
    }

}
