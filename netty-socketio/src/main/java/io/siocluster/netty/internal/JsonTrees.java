package io.siocluster.netty.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.siocluster.core.protocol.Values;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON trees as plain values, with Socket.IO's binary placeholders {@code {"_placeholder":true,"num":n}} filled in. */
final class JsonTrees {

    private JsonTrees() {
    }

    /** The attachment a node stands for, or -1 when it is no placeholder of {@code count} attachments. */
    static int placeholder(JsonNode node, int count) {
        if (!node.isObject() || node.size() != 2) {
            return -1;
        }
        JsonNode flag = node.get("_placeholder");
        JsonNode num = node.get("num");
        if (flag == null || !flag.asBoolean() || num == null || !num.canConvertToInt()) {
            return -1;
        }
        int index = num.intValue();
        return index >= 0 && index < count ? index : -1;
    }

    static @Nullable Object toPlain(@Nullable JsonNode node, List<byte[]> attachments, int depth) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (depth > Values.MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + Values.MAX_DEPTH + " levels");
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isBinary()) {
            return node.binaryValue();
        }
        if (node.isIntegralNumber()) {
            BigInteger big = node.bigIntegerValue();
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(toPlain(item, attachments, depth + 1));
            }
            return list;
        }
        if (node.isObject()) {
            int index = placeholder(node, attachments.size());
            if (index >= 0) {
                return attachments.get(index);
            }
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), toPlain(field.getValue(), attachments, depth + 1));
            }
            return map;
        }
        throw new IllegalArgumentException("unexpected JSON node " + node.getNodeType());
    }
}
