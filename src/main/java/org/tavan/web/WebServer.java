package org.tavan.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.tavan.auth.Principal;
import org.tavan.auth.Sessions;
import org.tavan.errors.NotAllowed;
import org.tavan.errors.NotSignedIn;

/**
 * Javalin set up once: JSON, request ids, error mapping, metrics, and the role check that
 * wraps every route of the {@link Routes} table. Features never touch Javalin directly.
 */
public final class WebServer {

    public static final String SESSION_COOKIE = "tavan_session";
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<HandlerType> ENDPOINT_TYPES = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Routes routes;
    private final Sessions sessions;
    private final ObjectMapper json;
    private final PrometheusMeterRegistry metrics;
    private final String version;
    private final TrustedProxies proxies;
    private final SecureRandom random = new SecureRandom();
    private Javalin app;

    public WebServer(Routes routes, Sessions sessions, ObjectMapper json, PrometheusMeterRegistry metrics, String version,
                     TrustedProxies proxies) {
        this.proxies = proxies;
        this.routes = routes;
        this.sessions = sessions;
        this.json = json;
        this.metrics = metrics;
        this.version = version;
    }

    /** Starts serving; returns the bound port. Throws if any route is not declared in the table. */
    public int start(String host, int port) {
        addOwnRoutes();
        List<Routes.Route> declared = routes.all();
        Set<String> added = new HashSet<>();
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new BodyMapper(json));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = 5_000_000;
            // Label photos from tablet cameras (the floor's scan); the page scales them down first.
            config.jetty.multipartConfig.maxFileSize(15, SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(16, SizeUnit.MB);
            config.staticFiles.enableWebjars();
            if (WebServer.class.getResource("/web/static") != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/static";
                    files.directory = "/web/static";
                    files.location = Location.CLASSPATH;
                });
            }
            config.events.handlerAdded(meta -> {
                if (ENDPOINT_TYPES.contains(meta.getHttpMethod())) {
                    added.add(meta.getHttpMethod() + " " + meta.getPath());
                }
            });
            config.requestLogger.http(this::logged);
        });
        app.before(this::identifyRequest);
        ErrorResponses.install(app, routes.errorPage());
        for (Routes.Route route : declared) {
            app.addHttpHandler(route.method(), route.path(), guarded(route));
        }
        Set<String> declaredKeys = new HashSet<>();
        declared.forEach(r -> declaredKeys.add(r.method() + " " + r.path()));
        added.removeAll(declaredKeys);
        if (!added.isEmpty()) {
            throw new Routes.UndeclaredRoute("Routes registered outside the route table (no role declaration): " + added);
        }
        app.start(host, port);
        log.info("HTTP on {}:{} with {} routes", host, app.port(), declared.size());
        return app.port();
    }

    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private void addOwnRoutes() {
        Routes r = routes.tag("service");
        r.get("/openapi.json", Access.anyone(), ctx -> ctx.json(OpenApiDocument.build(routes.all(), version)))
                .summary("This API described in OpenAPI 3");
        r.get("/api-docs", Access.anyone(), ctx -> ctx.html(SWAGGER_PAGE)).summary("Browsable API description");
        r.get("/api/routes", Access.signedIn(), ctx -> ctx.json(routes.all().stream()
                        .map(route -> Map.of("method", route.method().name(), "path", route.path(),
                                "access", route.access().describe(), "summary", route.summary()))
                        .toList()))
                .summary("Every route and the roles allowed to call it");
        r.get("/metrics", Access.anyone(), ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape())).summary("Prometheus metrics (HTTP, ingest, database, JVM)");
    }

    private void identifyRequest(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && CLIENT_REQUEST_ID.matcher(given).matches()
                ? given : Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        ctx.attribute(RequestContext.REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
        String peer = ctx.req().getRemoteAddr();
        ctx.attribute(RequestContext.CLIENT, proxies.client(peer, ctx.header("X-Forwarded-For")));
        ctx.attribute(RequestContext.HTTPS, proxies.https(ctx.scheme(), peer, ctx.header("X-Forwarded-Proto")));
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String styleNonce = java.util.Base64.getEncoder().encodeToString(nonce);
        ctx.attribute(RequestContext.STYLE_NONCE, styleNonce);
        SecurityHeaders.apply(ctx, styleNonce);
        MDC.put("requestId", id);
    }

    private Handler guarded(Routes.Route route) {
        Access access = route.access();
        Handler handler = route.handler();
        return ctx -> {
            Optional<Principal> principal = authenticate(ctx);
            if (access.kind() != Access.Kind.ANYONE) {
                if (principal.isEmpty()) {
                    if (route.page()) {
                        ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
                        return;
                    }
                    throw new NotSignedIn(notSignedInReason(ctx));
                }
                if (access.kind() == Access.Kind.ROLES && !principal.get().hasAny(access.roles())) {
                    throw new NotAllowed("Your roles do not allow " + route.method() + " " + route.path()
                            + "; allowed: " + access.describe());
                }
            }
            boolean formPost = route.page() && route.method() == HandlerType.POST;
            // A bearer token is never sent by a browser on its own, so only cookie-signed and
            // anonymous form posts can be forged by another site.
            if (formPost && !Boolean.TRUE.equals(ctx.attribute(RequestContext.BY_HEADER))) {
                RequestChecks.formFromThisSite(ctx);
            }
            if (RequestChecks.changesThroughApi(ctx)) {
                RequestChecks.apiChangeFromThisSite(ctx);
            }
            RequestChecks.idsInPath(ctx);
            if (RequestChecks.changesThroughApi(ctx) && !route.page()) {
                RequestChecks.apiBody(ctx, route);
            }
            if (formPost) {
                RequestChecks.form(ctx);
            }
            handler.handle(ctx);
        };
    }

    private static String notSignedInReason(Context ctx) {
        if (RequestContext.token(ctx) != null) {
            return "Your session has expired or was signed out; sign in again";
        }
        if (ctx.cookie(SESSION_COOKIE) != null && RequestChecks.changesThroughApi(ctx)) {
            return "The session cookie signs in pages only; a change through the API needs "
                    + "'Authorization: Bearer <token>' (POST /api/session gives one)";
        }
        return "Sign in first (POST /api/session), then send 'Authorization: Bearer <token>'";
    }

    /**
     * The bearer token, else the session cookie. The cookie is not taken for a change through the
     * API: a browser sends it along with any other site's request, so a page elsewhere could post
     * JSON as text/plain in a signed-in officer's name. Pages and the API's reads (the live test
     * screen) keep the cookie.
     */
    private Optional<Principal> authenticate(Context ctx) {
        String token = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
            ctx.attribute(RequestContext.BY_HEADER, true);
        } else if (ctx.cookie(SESSION_COOKIE) != null && !RequestChecks.changesThroughApi(ctx)) {
            token = ctx.cookie(SESSION_COOKIE);
        }
        if (token == null) {
            return Optional.empty();
        }
        ctx.attribute(RequestContext.TOKEN, token);
        Optional<Principal> principal = sessions.find(token);
        principal.ifPresent(p -> {
            ctx.attribute(RequestContext.PRINCIPAL, p);
            MDC.put("user", p.username());
        });
        return principal;
    }

    private void logged(Context ctx, Float millis) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException noEndpoint) {
            // Javalin throws here when no endpoint matched (404, 405).
            route = null;
        }
        if (route == null || route.isEmpty() || route.equals("*")) {
            route = ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/") ? "static" : "unmatched";
        }
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", String.valueOf(ctx.statusCode()))
                .register(metrics)
                .record(java.time.Duration.ofNanos((long) (millis * 1_000_000)));
        if (!route.equals("static") && !route.equals("/metrics") && !route.equals("/health")) {
            log.info("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", millis));
        }
        MDC.remove("requestId");
        MDC.remove("user");
    }

    // The page's own script is a static file: the Content-Security-Policy allows no inline script.
    private static final String SWAGGER_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tavan API</title>
            <link rel="stylesheet" href="/webjars/swagger-ui/5.27.1/swagger-ui.css"></head>
            <body><div id="api"></div>
            <script src="/webjars/swagger-ui/5.27.1/swagger-ui-bundle.js"></script>
            <script src="/static/api-docs.js"></script>
            </body></html>""";
}
