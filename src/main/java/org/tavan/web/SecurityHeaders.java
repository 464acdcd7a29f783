package org.tavan.web;

import io.javalin.http.Context;

/**
 * The headers every answer carries, pages, API, static files and errors alike: no MIME sniffing,
 * no framing by other sites, no URL leaking to other sites, and a Content-Security-Policy the
 * pages satisfy (scripts only from /static, no inline script or handler; an inline style only
 * with the request's nonce, which the label sheet uses). Answers that may hold personal data
 * are not stored by the browser or a proxy.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(Context ctx, String nonce) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer a browser posts forms with Origin: null,
        // which the form check must refuse.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", policy(ctx.path(), nonce));
        if (!isStatic(ctx.path())) {
            ctx.header("Cache-Control", "no-store");
        }
        if (ctx.path().equals(SERVICE_WORKER)) {
            // The floor tablet's worker lives with the other static files but keeps pages of the
            // whole site (floor, rigs, cases) for offline use, so it may control every path.
            ctx.header("Service-Worker-Allowed", "/");
            ctx.header("Cache-Control", "no-cache");
        }
    }

    static final String SERVICE_WORKER = "/static/offline-worker.js";

    static String policy(String path, String nonce) {
        // The browsable API page is Swagger UI, which sets styles inline; it holds no personal data.
        String styles = path.equals("/api-docs") ? "'self' 'unsafe-inline'" : "'self' 'nonce-" + nonce + "'";
        return "default-src 'self'; script-src 'self'; style-src " + styles + "; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    static boolean isStatic(String path) {
        return path.startsWith("/static/") || path.startsWith("/webjars/");
    }
}
