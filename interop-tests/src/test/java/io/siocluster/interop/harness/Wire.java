package io.siocluster.interop.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Values on the control protocol: plain JSON, with binary as {@code {"$bin": "<base64>"}} at any depth (the
 * same convention as the Node scripts' {@code control.js}). Java values are the ones the cluster messages carry:
 * null, Boolean, String, Number, byte[], List and Map with String keys.
 */
public final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BIN = "$bin";

    private Wire() {
    }

    /** A Java value as control-protocol JSON. */
    public static JsonNode toJson(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof byte[] bytes) {
            return NODES.objectNode().put(BIN, Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        if (value instanceof Object[] array) {
            return toJson(List.of(array));
        }
        return JSON.valueToTree(value);
    }

    /** Control-protocol JSON as a Java value: integers as Integer or Long, binary as byte[]. */
    public static @Nullable Object fromJson(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(fromJson(item)));
            return list;
        }
        if (node.size() == 1 && node.path(BIN).isTextual()) {
            return Base64.getDecoder().decode(node.get(BIN).textValue());
        }
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), fromJson(field.getValue()));
        }
        return map;
    }

    /** A JSON array as a list of Java values. */
    public static List<@Nullable Object> listFrom(JsonNode node) {
        List<@Nullable Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(fromJson(item)));
        return list;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
