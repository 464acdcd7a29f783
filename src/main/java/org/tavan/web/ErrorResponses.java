package org.tavan.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotAllowed;
import org.tavan.errors.NotFound;
import org.tavan.errors.NotSignedIn;
import org.tavan.errors.TooManyAttempts;
import org.tavan.errors.UnsupportedContentType;

/**
 * Turns exceptions into HTTP answers, in one place. Client mistakes get a 4xx naming what is
 * wrong; anything else is a 500 whose body says only the request id, never the exception.
 */
final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final Routes.ErrorPage errorPage;

    private ErrorResponses(Routes.ErrorPage errorPage) {
        this.errorPage = errorPage;
    }

    static void install(Javalin app, Routes.ErrorPage errorPage) {
        new ErrorResponses(errorPage).installOn(app);
    }

    private void installOn(Javalin app) {
        app.exception(InvalidInput.class, (e, ctx) -> {
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("field", e.field());
            respond(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_input", details);
        });
        app.exception(NotFound.class, (e, ctx) -> respond(ctx, HttpStatus.NOT_FOUND, e.getMessage(), "not_found", Map.of()));
        app.exception(Conflict.class, (e, ctx) -> respond(ctx, HttpStatus.CONFLICT, e.getMessage(), e.reason(), e.details()));
        app.exception(NotSignedIn.class, (e, ctx) -> respond(ctx, HttpStatus.UNAUTHORIZED, e.getMessage(), "not_signed_in", Map.of()));
        app.exception(NotAllowed.class, (e, ctx) -> respond(ctx, HttpStatus.FORBIDDEN, e.getMessage(), "forbidden", Map.of()));
        app.exception(UnsupportedContentType.class, (e, ctx) -> respond(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                e.getMessage(), "unsupported_media_type", Map.of("field", "Content-Type")));
        app.exception(TooManyAttempts.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            respond(ctx, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), "too_many_attempts", Map.of());
        });
        app.exception(ValidationException.class, (e, ctx) -> {
            String field = e.getErrors().keySet().stream().sorted().findFirst().orElse("?");
            Object value = e.getErrors().get(field).isEmpty() ? null : e.getErrors().get(field).get(0).getValue();
            respond(ctx, HttpStatus.BAD_REQUEST, "Parameter '" + field + "' has an invalid value '" + value + "'",
                    "invalid_input", Map.of("field", field));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String code = switch (status) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
            ctx.status(status);
            if (htmlPageShown(ctx, status, code)) {
                return;
            }
            ctx.json(new ErrorBody(e.getMessage(), code, Map.copyOf(e.getDetails()), RequestContext.requestId(ctx)));
        });
        app.exception(Exception.class, (e, ctx) -> {
            // Our own refusal first, even when Jackson wrapped it (a NUL found while reading a field).
            InvalidInput invalid = causeOfType(e, InvalidInput.class);
            if (invalid != null) {
                respond(ctx, HttpStatus.BAD_REQUEST, invalid.getMessage(), "invalid_input", Map.of("field", invalid.field()));
                return;
            }
            JsonProcessingException json = jsonCause(e);
            if (json != null) {
                badJson(ctx, json);
                return;
            }
            log.error("Unexpected error in {} {} [request {}]", ctx.method(), ctx.path(), RequestContext.requestId(ctx), e);
            respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                    "Internal error; report request id " + RequestContext.requestId(ctx), "internal_error", Map.of());
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, HttpStatus.NOT_FOUND, "No such resource: " + ctx.method() + " " + ctx.path(), "not_found", Map.of());
            }
        });
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> respond(ctx, HttpStatus.METHOD_NOT_ALLOWED,
                "Method " + ctx.method() + " is not allowed on " + ctx.path(), "method_not_allowed", Map.of()));
    }

    private void badJson(Context ctx, JsonProcessingException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        String message;
        StreamConstraintsException limit = causeOfType(e, StreamConstraintsException.class);
        if (limit != null) {
            message = tooBig(limit.getOriginalMessage());
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            details.put("field", field);
            message = "Unknown field '" + field + "'";
        } else if (e instanceof ValueInstantiationException vie && causeOfType(vie, InvalidInput.class) != null) {
            InvalidInput invalid = causeOfType(vie, InvalidInput.class);
            details.put("field", invalid.field());
            message = invalid.getMessage();
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            details.put("field", field);
            String expected = e instanceof InvalidFormatException format ? " (expected " + format.getTargetType().getSimpleName() + ")" : "";
            message = "Field '" + field + "' has a value of the wrong type" + expected;
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content to map")) {
            message = "The request body is empty; a JSON object is expected";
        } else {
            message = "Malformed JSON" + (e.getLocation() != null
                    ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "");
        }
        respond(ctx, HttpStatus.BAD_REQUEST, message, "invalid_json", details);
    }

    /** Jackson's limit messages name its own settings; say what the client can change instead. */
    private static String tooBig(String original) {
        String text = String.valueOf(original);
        if (text.contains("depth")) {
            return "The JSON is nested more than " + BodyMapper.MAX_DEPTH + " levels deep";
        }
        if (text.startsWith("String value length")) {
            return "A string in the JSON is longer than " + BodyMapper.MAX_STRING + " characters";
        }
        if (text.startsWith("Number value length")) {
            return "A number in the JSON has too many digits";
        }
        return "The JSON exceeds a size limit";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    void respond(Context ctx, HttpStatus status, String message, String code, Map<String, Object> details) {
        ctx.status(status);
        if (htmlPageShown(ctx, status.getCode(), code)) {
            return;
        }
        ctx.json(new ErrorBody(message, code, details, RequestContext.requestId(ctx)));
    }

    /** Browsers get the UI's error page; /api paths and other clients keep the JSON body. */
    private boolean htmlPageShown(Context ctx, int status, String code) {
        return !ctx.path().startsWith("/api/") && errorPage.render(ctx, status, code);
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        return causeOfType(e, JsonProcessingException.class);
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
