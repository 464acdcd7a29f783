package org.tavan.web;

import io.javalin.http.Context;
import org.tavan.audit.Actor;
import org.tavan.auth.Principal;
import org.tavan.errors.NotSignedIn;

/** What the web layer knows about the current request: its id and the signed-in user. */
public final class RequestContext {

    static final String REQUEST_ID = "tavan.requestId";
    static final String PRINCIPAL = "tavan.principal";
    static final String TOKEN = "tavan.token";
    static final String BY_HEADER = "tavan.tokenByHeader";
    static final String STYLE_NONCE = "tavan.styleNonce";
    static final String CLIENT = "tavan.client";
    static final String HTTPS = "tavan.https";

    private RequestContext() {
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** The signed-in user; routes with Access other than anyone() always have one. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new NotSignedIn("Sign in first");
        }
        return principal;
    }

    public static java.util.Optional<Principal> optionalPrincipal(Context ctx) {
        return java.util.Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    public static Actor actor(Context ctx) {
        return Actor.user(principal(ctx).username(), requestId(ctx));
    }

    /**
     * The nonce the Content-Security-Policy of this answer allows on an inline {@code <style>}
     * (the label sheet's print layout); scripts get none.
     */
    public static String styleNonce(Context ctx) {
        String nonce = ctx.attribute(STYLE_NONCE);
        return nonce == null ? "" : nonce;
    }

    /** The client's address, through a trusted proxy if there is one (http.trusted.proxies). */
    public static String clientAddress(Context ctx) {
        String client = ctx.attribute(CLIENT);
        return client == null ? ctx.ip() : client;
    }

    /** Whether the browser reached Tavan over HTTPS (so cookies get Secure), directly or through a trusted proxy. */
    public static boolean https(Context ctx) {
        Boolean https = ctx.attribute(HTTPS);
        return https == null ? ctx.scheme().equals("https") : https;
    }

    static String token(Context ctx) {
        return ctx.attribute(TOKEN);
    }
}
