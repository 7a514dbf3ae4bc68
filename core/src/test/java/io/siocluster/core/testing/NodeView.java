package io.siocluster.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.siocluster.core.protocol.Values;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a fixture's {@code nodeView} (how {@code @msgpack/msgpack} decoded an attachment in Node, with
 * binary as {@code {"$bin": base64}} and {@code undefined} as {@code {"$undefined": true}}) into the Java
 * values the codec should produce for it.
 */
public final class NodeView {

    private NodeView() {
    }

    public static @Nullable Object toJava(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return Values.freeze(node.isIntegralNumber() ? node.bigIntegerValue() : node.doubleValue());
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        if (node.has("$bin")) {
            return Base64.getDecoder().decode(node.get("$bin").asText());
        }
        if (node.has("$undefined")) {
            return null; // Java has no undefined: absent and null are one
        }
        if (node.has("$number")) {
            return Double.valueOf(node.get("$number").asText());
        }
        if (node.has("$date")) {
            return node.get("$date").asText();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), toJava(e.getValue()));
        }
        return map;
    }
}
