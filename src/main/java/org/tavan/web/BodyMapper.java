package org.tavan.web;

import java.io.InputStream;
import java.lang.reflect.Type;

import java.io.OutputStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import org.tavan.errors.InvalidInput;

/**
 * Every route reads its body through here ({@code ctx.bodyAsClass}). A body of JSON {@code null}
 * parses to no object at all, and each route would then fail on its first field with a 500; it is
 * refused once, here, for all of them. Null list elements and ill-typed scalars are refused by
 * the mapper itself ({@link org.tavan.Json}).
 */
final class BodyMapper implements JsonMapper {

    private final ObjectMapper mapper;
    private final JavalinJackson jackson;

    BodyMapper(ObjectMapper mapper) {
        this.mapper = mapper;
        this.jackson = new JavalinJackson(mapper, false);
    }

    // Read here rather than through JavalinJackson, which fails on a null result with a bare
    // NullPointerException before we could name the problem.
    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        try {
            return present(mapper.readValue(json, mapper.constructType(targetType)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        try {
            return present(mapper.readValue(json, mapper.constructType(targetType)));
        } catch (java.io.IOException e) {
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
}
