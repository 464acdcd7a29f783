package org.tavan.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

/**
 * The route table: the one place where every HTTP route of every feature is declared with
 * the roles allowed to call it. A route without an {@link Access} cannot be added, and
 * {@link WebServer} refuses to start if Javalin holds a route that is not in this table.
 * Read it at {@code /api/routes} or in the OpenAPI document ({@code x-access}).
 */
public final class Routes {

    /** One declared route; the fluent setters document it for the OpenAPI description. */
    public static final class Route {
        private final HandlerType method;
        private final String path;
        private final Access access;
        private final Handler handler;
        private final boolean page;
        private String summary = "";
        private String tag;
        private Class<?> requestBody;
        private String consumes;
        private Class<?> response;
        private boolean responseIsList;

        private Route(HandlerType method, String path, Access access, Handler handler, boolean page, String tag) {
            this.method = method;
            this.path = path;
            this.access = access;
            this.handler = handler;
            this.page = page;
            this.tag = tag;
        }

        public Route summary(String text) {
            this.summary = text;
            return this;
        }

        public Route body(Class<?> type) {
            this.requestBody = type;
            return this;
        }

        /**
         * A body that is not JSON (the CSV import's {@code text/csv}). A mutating API route that
         * declares neither this nor {@link #body} takes no body, and refuses one.
         */
        public Route consumes(String mediaType) {
            this.consumes = mediaType;
            return this;
        }

        public Route returns(Class<?> type) {
            this.response = type;
            return this;
        }

        public Route returnsListOf(Class<?> type) {
            this.response = type;
            this.responseIsList = true;
            return this;
        }

        public HandlerType method() {
            return method;
        }

        public String path() {
            return path;
        }

        public Access access() {
            return access;
        }

        Handler handler() {
            return handler;
        }

        /** A UI page: unauthenticated visitors are sent to the sign-in page instead of getting 401. */
        public boolean page() {
            return page;
        }

        public String summary() {
            return summary;
        }

        public String tag() {
            return tag;
        }

        Class<?> requestBody() {
            return requestBody;
        }

        /** The media type of the body this route reads, or null when it reads none. */
        String consumes() {
            return consumes != null ? consumes : requestBody != null ? "application/json" : null;
        }

        Class<?> response() {
            return response;
        }

        boolean responseIsList() {
            return responseIsList;
        }
    }

    /**
     * Shows an error to a browser as an HTML page (the tablet UI installs one). Returns false
     * to leave the JSON error in place, which is what /api paths and non-browser clients get.
     */
    @FunctionalInterface
    public interface ErrorPage {
        boolean render(Context ctx, int status, String code);
    }

    private final List<Route> routes = new ArrayList<>();
    private String currentTag = "general";
    private ErrorPage errorPage = (ctx, status, code) -> false;

    public void errorPage(ErrorPage page) {
        this.errorPage = page;
    }

    ErrorPage errorPage() {
        return errorPage;
    }

    /** Groups the routes declared next under one OpenAPI tag, usually the feature's name. */
    public Routes tag(String tag) {
        this.currentTag = tag;
        return this;
    }

    public Route get(String path, Access access, Handler handler) {
        return add(HandlerType.GET, path, access, handler, false);
    }

    public Route post(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler, false);
    }

    public Route put(String path, Access access, Handler handler) {
        return add(HandlerType.PUT, path, access, handler, false);
    }

    public Route patch(String path, Access access, Handler handler) {
        return add(HandlerType.PATCH, path, access, handler, false);
    }

    public Route delete(String path, Access access, Handler handler) {
        return add(HandlerType.DELETE, path, access, handler, false);
    }

    /** An HTML page of the tablet UI. */
    public Route page(String path, Access access, Handler handler) {
        return add(HandlerType.GET, path, access, handler, true);
    }

    /** A form post from the tablet UI (redirects to sign-in when the session has ended). */
    public Route pagePost(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler, true);
    }

    /** A server-sent event stream (live readings). */
    public Route sse(String path, Access access, Consumer<SseClient> client) {
        return add(HandlerType.GET, path, access, new SseHandler(client), false);
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    private Route add(HandlerType method, String path, Access access, Handler handler, boolean page) {
        if (access == null) {
            throw new UndeclaredRoute(method + " " + path + " declares no Access (who may call it); "
                    + "every route must say Access.anyone(), Access.signedIn() or Access.roles(...)");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Route path must start with '/': " + path);
        }
        for (Route existing : routes) {
            if (existing.method == method && existing.path.equals(path)) {
                throw new IllegalArgumentException("Route " + method + " " + path + " is declared twice");
            }
        }
        Route route = new Route(method, path, access, handler, page, currentTag);
        routes.add(route);
        return route;
    }

    /** Thrown when a route is added without saying who may call it. */
    public static final class UndeclaredRoute extends RuntimeException {
        public UndeclaredRoute(String message) {
            super(message);
        }
    }
}
