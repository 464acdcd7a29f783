package org.tavan.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.0 description from the route table, so it cannot drift from the
 * routes that really exist. Request and response schemas come from the record types the
 * routes name; {@code x-access} shows who may call each operation.
 */
final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}|<([^>]+)>");

    private final Map<String, Object> schemas = new TreeMap<>();

    static Map<String, Object> build(List<Routes.Route> routes, String version) {
        return new OpenApiDocument().document(routes, version);
    }

    private Map<String, Object> document(List<Routes.Route> routes, String version) {
        Map<String, Object> paths = new TreeMap<>();
        for (Routes.Route route : routes) {
            if (route.page()) {
                continue;
            }
            String path = PATH_PARAM.matcher(route.path()).replaceAll(m -> "{" + (m.group(1) != null ? m.group(1) : m.group(2)) + "}");
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Tavan API", "version", version,
                "description", "Production, quality, rig telemetry, allocation and distribution of assistive devices. "
                        + "Sign in with POST /api/session and send the token as 'Authorization: Bearer <token>'."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas, "securitySchemes",
                Map.of("bearer", Map.of("type", "http", "scheme", "bearer"),
                        "cookie", Map.of("type", "apiKey", "in", "cookie", "name", WebServer.SESSION_COOKIE))));
        return doc;
    }

    private Map<String, Object> operation(Routes.Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        op.put("tags", List.of(route.tag()));
        op.put("x-access", route.access().describe());
        if (route.access().kind() != Access.Kind.ANYONE) {
            // The cookie signs in pages and the API's reads; a change through the API needs the bearer token.
            boolean read = route.method() == io.javalin.http.HandlerType.GET || !route.path().startsWith("/api/");
            op.put("security", read ? List.of(Map.of("bearer", List.of()), Map.of("cookie", List.of()))
                    : List.of(Map.of("bearer", List.of())));
        }
        Matcher m = PATH_PARAM.matcher(route.path());
        List<Object> parameters = new java.util.ArrayList<>();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.requestBody() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", schemaOf(route.requestBody())))));
        } else if (route.consumes() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of(route.consumes(), Map.of("schema", Map.of("type", "string")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        if (route.response() != null) {
            Object schema = schemaOf(route.response());
            if (route.responseIsList()) {
                schema = Map.of("type", "array", "items", schema);
            }
            responses.put("200", Map.of("description", "OK", "content", Map.of("application/json", Map.of("schema", schema))));
        } else {
            responses.put("200", Map.of("description", "OK"));
        }
        responses.put("default", Map.of("description", "Error", "content",
                Map.of("application/json", Map.of("schema", schemaOf(ErrorBody.class)))));
        op.put("responses", responses);
        return op;
    }

    private Object schemaOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(p.getActualTypeArguments()[0]));
            }
            if (Optional.class.equals(raw)) {
                return schemaOf(p.getActualTypeArguments()[0]);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schemaOf(p.getActualTypeArguments()[1]));
            }
            return Map.of("type", "object");
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of("type", "object");
        }
        if (c == String.class || c == char.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return Map.of("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return Map.of("type", "string", "format", "date");
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum",
                    Arrays.stream(c.getEnumConstants()).map(e -> e.toString().toLowerCase(Locale.ROOT)).toList());
        }
        if (c.isArray()) {
            return Map.of("type", "array", "items", schemaOf(c.getComponentType()));
        }
        if (c.isRecord()) {
            String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
            if (!schemas.containsKey(name)) {
                schemas.put(name, Map.of("type", "object")); // placeholder stops recursion
                Map<String, Object> properties = new LinkedHashMap<>();
                for (RecordComponent component : c.getRecordComponents()) {
                    properties.put(component.getName(), schemaOf(component.getGenericType()));
                }
                schemas.put(name, Map.of("type", "object", "properties", properties));
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }
}
