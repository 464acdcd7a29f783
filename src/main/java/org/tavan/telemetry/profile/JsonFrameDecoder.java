package org.tavan.telemetry.profile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.profile.FrameFields.Element;

/** A JSON document per frame; fields are paths such as {@code a.b[2].c}, and {@code [*]} walks arrays. */
final class JsonFrameDecoder implements FrameDecoder {

    // Rigs send flat documents; a deep nesting limit keeps hostile frames cheap to refuse.
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final Layout layout;
    private final FrameAssembler assembler;

    JsonFrameDecoder(Layout layout, FrameAssembler assembler) {
        this.layout = layout;
        this.assembler = assembler;
    }

    @Override
    public DecodedFrame decode(byte[] frame) throws FrameRejected {
        String text = FrameText.open(frame, layout);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw new FrameRejected("syntax", "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new FrameRejected("syntax", "not a JSON object");
        }
        return assembler.assemble(new FrameFields() {
            @Override
            public String text(FieldRef ref) throws FrameRejected {
                List<Element> found = elements(ref);
                return found.isEmpty() ? null : found.get(0).text();
            }

            @Override
            public List<Element> elements(FieldRef ref) throws FrameRejected {
                List<Element> out = new ArrayList<>();
                walk(root, ref, 0, 0, new ArrayList<>(), out);
                return out;
            }
        });
    }

    /** Follows segment {@code s}, index {@code i} of the path from {@code node}; [*] branches. */
    private static void walk(JsonNode node, FieldRef ref, int s, int i, List<Integer> wild, List<Element> out)
            throws FrameRejected {
        List<FieldRef.Segment> segments = ref.segments();
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (s == segments.size()) {
            out.add(new Element(List.copyOf(wild), leaf(node, ref)));
            return;
        }
        FieldRef.Segment segment = segments.get(s);
        if (i == 0) {
            if (!node.isObject()) {
                if (node.isNull()) {
                    return;
                }
                throw new FrameRejected("bad_value", ref + ": expected an object before '" + segment.key() + "'");
            }
            node = node.get(segment.key());
            if (node == null) {
                return;
            }
        }
        if (i == segment.indexes().size()) {
            walk(node, ref, s + 1, 0, wild, out);
            return;
        }
        if (node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            throw new FrameRejected("bad_value", ref + ": expected an array at '" + segment.key() + "'");
        }
        int index = segment.indexes().get(i);
        if (index == FieldRef.WILDCARD) {
            for (int e = 0; e < node.size(); e++) {
                wild.add(e);
                walkIndex(node.get(e), ref, s, i + 1, wild, out);
                wild.remove(wild.size() - 1);
            }
        } else {
            walkIndex(node.get(index), ref, s, i + 1, wild, out);
        }
    }

    private static void walkIndex(JsonNode element, FieldRef ref, int s, int i, List<Integer> wild, List<Element> out)
            throws FrameRejected {
        if (element == null) {
            return;
        }
        if (i == ref.segments().get(s).indexes().size()) {
            walk(element, ref, s + 1, 0, wild, out);
        } else {
            walk(element, ref, s, i, wild, out);
        }
    }

    private static String leaf(JsonNode node, FieldRef ref) throws FrameRejected {
        if (node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw new FrameRejected("bad_value", ref + ": expected a value, found " + (node.isArray() ? "an array" : "an object"));
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }
}
