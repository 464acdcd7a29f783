package org.tavan.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import org.tavan.errors.InvalidInput;

/**
 * Every route reads its body through here ({@code ctx.bodyAsClass}), so what every body must be
 * is said once:
 * <ul>
 * <li>not JSON {@code null}: it parses to no object at all, and each route would then fail on
 * its first field with a 500;</li>
 * <li>no NUL character (\u0000) in any string or field name: PostgreSQL cannot store one, and no
 * name, note or setting needs one;</li>
 * <li>no string longer than {@value #MAX_STRING} characters and no nesting deeper than
 * {@value #MAX_DEPTH}: far beyond any real body, and bounded before any service sees it.</li>
 * </ul>
 * Null list elements and ill-typed scalars are refused by the mapper itself ({@link org.tavan.Json}).
 */
final class BodyMapper implements JsonMapper {

    static final int MAX_STRING = 100_000;
    static final int MAX_DEPTH = 64;

    private final ObjectMapper mapper;
    private final JavalinJackson jackson;

    BodyMapper(ObjectMapper shared) {
        // A copy: the limits are for request bodies, not for what Tavan reads from its own files.
        this.mapper = shared.copy();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING).maxNestingDepth(MAX_DEPTH).build());
        this.jackson = new JavalinJackson(shared, false);
    }

    // Read here rather than through JavalinJackson, which fails on a null result with a bare
    // NullPointerException before we could name the problem.
    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        try (JsonParser parser = new CheckedStrings(mapper.getFactory().createParser(json))) {
            return present(mapper.readValue(parser, mapper.constructType(targetType)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        try (JsonParser parser = new CheckedStrings(mapper.getFactory().createParser(json))) {
            return present(mapper.readValue(parser, mapper.constructType(targetType)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return jackson.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        return jackson.toJsonStream(obj, type);
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
        jackson.writeToOutputStream(stream, outputStream);
    }

    private static <T> T present(T value) {
        if (value == null) {
            throw new InvalidInput("body", "The request body is JSON null; a JSON object is expected");
        }
        return value;
    }

    /**
     * Looks at every string and field name as it is read, whatever type it is bound to (a
     * record field, a map key, a free-form specification), so no deserializer can miss one.
     */
    private static final class CheckedStrings extends JsonParserDelegate {

        CheckedStrings(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) && getText().indexOf('\0') >= 0) {
                String field = path(getParsingContext());
                throw new InvalidInput(field, (token == JsonToken.FIELD_NAME ? "The name of field '" : "Field '")
                        + field + "' contains a NUL character (\\u0000)");
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        /** The field as error details name it elsewhere: {@code lines[0].name}. */
        private static String path(JsonStreamContext context) {
            Deque<String> parts = new ArrayDeque<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.getCurrentName() != null) {
                    parts.push(c.getCurrentName());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String part : parts) {
                if (out.length() > 0 && !part.startsWith("[")) {
                    out.append('.');
                }
                out.append(part);
            }
            return out.length() == 0 ? "body" : out.toString();
        }
    }
}
