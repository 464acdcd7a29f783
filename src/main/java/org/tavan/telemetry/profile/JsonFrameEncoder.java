package org.tavan.telemetry.profile;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

final class JsonFrameEncoder implements FrameEncoder {

    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Layout layout;

    JsonFrameEncoder(Layout layout) {
        this.layout = layout;
    }

    @Override
    public byte[] encode(FrameContent content) {
        ObjectNode root = NODES.objectNode();
        for (Encoding.Field f : Encoding.fields(layout, content)) {
            if (f.text().isEmpty()) {
                continue;
            }
            JsonNode value;
            if (!f.numeric()) {
                value = NODES.textNode(f.text());
            } else if (WHOLE.matcher(f.text()).matches()) {
                value = NODES.numberNode(Long.parseLong(f.text()));
            } else {
                value = NODES.numberNode(Double.parseDouble(f.text()));
            }
            put(root, f.ref(), f.indexes(), value);
        }
        try {
            return FrameText.close(JsonFrameDecoder.MAPPER.writeValueAsString(root), layout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets {@code value} at the path, creating objects and arrays on the way; [*] take {@code wild} in turn. */
    private static void put(ObjectNode root, FieldRef ref, List<Integer> wild, JsonNode value) {
        JsonNode current = root;
        int w = 0;
        List<FieldRef.Segment> segments = ref.segments();
        for (int s = 0; s < segments.size(); s++) {
            FieldRef.Segment segment = segments.get(s);
            boolean lastSegment = s == segments.size() - 1;
            ObjectNode object = (ObjectNode) current;
            if (segment.indexes().isEmpty()) {
                if (lastSegment) {
                    object.set(segment.key(), value);
                    return;
                }
                current = object.has(segment.key()) ? object.get(segment.key()) : object.putObject(segment.key());
                continue;
            }
            JsonNode container = object.has(segment.key()) ? object.get(segment.key()) : object.putArray(segment.key());
            for (int i = 0; i < segment.indexes().size(); i++) {
                ArrayNode array = (ArrayNode) container;
                int at = segment.indexes().get(i) == FieldRef.WILDCARD ? wild.get(w++) : segment.indexes().get(i);
                while (array.size() <= at) {
                    array.addNull();
                }
                boolean lastIndex = i == segment.indexes().size() - 1;
                if (lastIndex && lastSegment) {
                    array.set(at, value);
                    return;
                }
                JsonNode child = array.get(at);
                if (child.isNull()) {
                    child = lastIndex ? NODES.objectNode() : NODES.arrayNode();
                    array.set(at, child);
                }
                container = child;
            }
            current = container;
        }
    }
}
