package org.tavan.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.HttpResponseException;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotAllowed;
import org.tavan.errors.NotFound;
import org.tavan.errors.UnsupportedContentType;

/**
 * What {@link WebServer} checks on every request before a route's handler runs, so that no
 * route can forget it: where a change comes from (CSRF), that a body is of the kind the route
 * reads, that a form can be read at all, and that an id in the path can exist.
 */
final class RequestChecks {

    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    private static final ObjectMapper PEEK = new ObjectMapper();

    private RequestChecks() {
    }

    /** A request through the API that changes something: the session cookie does not sign those in. */
    static boolean changesThroughApi(Context ctx) {
        return CHANGES.contains(ctx.method()) && ctx.path().startsWith("/api/");
    }

    /**
     * A form post must show that it comes from one of this site's pages: an Origin naming this
     * host, or without Origin a Referer naming it. No Origin and no Referer, {@code Origin: null}
     * (a sandboxed frame, a data: page) or a Referer of another site is refused. Every browser
     * Tavan supports sends Origin on a POST; the Referrer-Policy keeps it meaningful.
     */
    static void formFromThisSite(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null) {
            if (origin.equals("null")) {
                throw new NotAllowed("Form posted from a page without an origin (Origin: null); post it from Tavan's own page");
            }
            if (!sameHost(origin, host)) {
                throw new NotAllowed("Form posted from another site (" + origin + ")");
            }
            return;
        }
        String referer = ctx.header("Referer");
        if (referer == null) {
            throw new NotAllowed("Form posted without an Origin or Referer header; post it from Tavan's own page");
        }
        if (!sameHost(referer, host)) {
            throw new NotAllowed("Form posted from another site (Referer " + authority(referer) + ")");
        }
    }

    /**
     * A change through the API from a browser page of another site is refused even with a bearer
     * token. Clients that are not browsers send no Origin.
     */
    static void apiChangeFromThisSite(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && (origin.equals("null") || !sameHost(origin, ctx.header("Host")))) {
            throw new NotAllowed("API change from another site's page (Origin " + origin + ")");
        }
    }

    /** Ids are positive: 0 and -1 name nothing, whichever route they are sent to. */
    static void idsInPath(Context ctx) {
        for (Map.Entry<String, String> param : ctx.pathParamMap().entrySet()) {
            String name = param.getKey();
            String value = param.getValue();
            if ((name.equals("id") || name.endsWith("Id")) && NUMBER.matcher(value).matches()
                    && (value.startsWith("-") || value.chars().allMatch(c -> c == '0'))) {
                throw new NotFound(name, value);
            }
        }
    }

    /**
     * A body must be of the type the route reads, and a route that reads none refuses one: a
     * field sent to it would otherwise be ignored without a word.
     */
    static void apiBody(Context ctx, Routes.Route route) {
        byte[] body = ctx.bodyAsBytes();
        String expected = route.consumes();
        if (expected == null) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.replaceAll("\\s", "").equals("{}")) {
                return;
            }
            String field = firstField(text);
            String what = route.method() + " " + route.path() + " takes no body";
            throw field == null ? new InvalidInput("body", what)
                    : new InvalidInput(field, "Unknown field '" + field + "': " + what);
        }
        if (body.length == 0) {
            // The mapper says that the body is missing, in the same words on every route.
            return;
        }
        String given = ctx.header("Content-Type");
        if (!mediaTypeIs(given, expected)) {
            throw new UnsupportedContentType(given, expected);
        }
    }

    /**
     * Reads the form once, here: a malformed multipart body becomes a 400 instead of an exception
     * in the route, and no field may hold a NUL character or more text than any form needs.
     */
    static void form(Context ctx) {
        String given = ctx.header("Content-Type");
        boolean multipart = mediaTypeIs(given, MULTIPART);
        if (!multipart && !mediaTypeIs(given, FORM)) {
            if (ctx.bodyAsBytes().length == 0) {
                return;
            }
            throw new UnsupportedContentType(given, FORM + " or " + MULTIPART);
        }
        Map<String, List<String>> fields;
        try {
            fields = ctx.formParamMap();
            if (multipart) {
                ctx.uploadedFileMap();
            }
        } catch (HttpResponseException e) {
            throw e;
        } catch (Exception e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("exceeds")) {
                throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                        "The form is larger than allowed", Map.of());
            }
            throw new InvalidInput("body", "The form data cannot be read (malformed " + (multipart ? MULTIPART : FORM)
                    + ")");
        }
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.indexOf('\0') >= 0) {
                throw new InvalidInput(name.replace('\0', '?'), "A form field's name contains a NUL character");
            }
            for (String value : field.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    throw new InvalidInput(name, "Field '" + name + "' contains a NUL character (\\u0000)");
                }
                if (value.length() > BodyMapper.MAX_STRING) {
                    throw new InvalidInput(name, "Field '" + name + "' is longer than " + BodyMapper.MAX_STRING
                            + " characters");
                }
            }
        }
    }

    private static String firstField(String text) {
        try (JsonParser parser = PEEK.getFactory().createParser(text)) {
            if (parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME) {
                return parser.currentName().replace('\0', '?');
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // Not JSON at all: the answer names the body.
        }
        return null;
    }

    static boolean mediaTypeIs(String header, String expected) {
        if (header == null) {
            return false;
        }
        String type = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals(expected)
                || expected.equals("application/json") && type.startsWith("application/") && type.endsWith("+json");
    }

    private static boolean sameHost(String url, String host) {
        String authority = authority(url);
        return host != null && authority != null && host.equalsIgnoreCase(authority);
    }

    private static String authority(String url) {
        try {
            return URI.create(url).getAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
