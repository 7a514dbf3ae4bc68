package io.siocluster.netty.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.siocluster.core.protocol.Values;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text straight to plain values in one pass, with Socket.IO's binary placeholders filled in: the same
 * values as {@link JsonTrees#toPlain} gives for the tree of the same text (a test compares the two), without
 * building the tree first. Which object is a placeholder follows {@link JsonTrees#placeholder}'s reading of
 * Jackson's nodes: exactly two fields, {@code _placeholder} true as {@code JsonNode.asBoolean()} reads it and
 * {@code num} an int as {@code canConvertToInt()}/{@code intValue()} read it.
 */
final class JsonPlainReader {

    private JsonPlainReader() {
    }

    /** The value of the parser's next token and what it opens; null when there is none. */
    static @Nullable Object read(JsonParser parser, List<byte[]> attachments) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : value(parser, token, attachments, 0, false);
    }

    /**
     * As {@link #read}, from a {@link com.fasterxml.jackson.databind.util.TokenBuffer} a mapper wrote: the values the
     * mapper's JSON text would give. A fractional number is read from its text, as written ({@code Float.toString}
     * for a float, not the float widened to a double).
     *
     * @throws NotAsText where the text could give another value: an embedded object (raw JSON, base64 binary) or a
     *     number that is not finite (text holds a string there)
     */
    static @Nullable Object readTokens(JsonParser parser, List<byte[]> attachments) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : value(parser, token, attachments, 0, true);
    }

    /** Tokens that text would read differently: convert through text. */
    static final class NotAsText extends RuntimeException {
        NotAsText(String why) {
            super(why, null, false, false);
        }
    }

    private static @Nullable Object value(JsonParser parser, JsonToken token, List<byte[]> attachments, int depth,
            boolean tokens) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (depth > Values.MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + Values.MAX_DEPTH + " levels");
        }
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger big = parser.getBigIntegerValue();
                    return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
                }
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return tokens ? fractional(parser.getText()) : parser.getDoubleValue();
            case START_ARRAY: {
                List<@Nullable Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    list.add(value(parser, item, attachments, depth + 1, tokens));
                }
                return list;
            }
            case START_OBJECT:
                return object(parser, attachments, depth, tokens);
            case VALUE_EMBEDDED_OBJECT:
                if (tokens) {
                    throw new NotAsText("an embedded object");
                }
                throw new IllegalArgumentException("unexpected JSON token " + token);
            default:
                throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    private static double fractional(String text) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new NotAsText("a number that is not finite");
        }
        return value;
    }

    private static Object object(JsonParser parser, List<byte[]> attachments, int depth, boolean tokens)
            throws IOException {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        boolean flag = false; // _placeholder, as JsonNode.asBoolean() reads it
        int num = -1; // num, as canConvertToInt() and intValue() read it; -1 when it is no int
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (name.equals("_placeholder")) {
                flag = asBoolean(parser, token);
            } else if (name.equals("num")) {
                num = asInt(parser, token);
            }
            map.put(name, value(parser, token, attachments, depth + 1, tokens));
        }
        if (map.size() == 2 && map.containsKey("_placeholder") && map.containsKey("num") && flag
                && num >= 0 && num < attachments.size()) {
            return attachments.get(num);
        }
        return map;
    }

    private static boolean asBoolean(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_TRUE -> true;
            case VALUE_STRING -> "true".equals(parser.getText().trim());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().signum() != 0
                    : parser.getLongValue() != 0;
            default -> false; // false, null, floats (DoubleNode keeps JsonNode's default), arrays, objects
        };
    }

    private static int asInt(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return -1; // beyond a long, so beyond an int
            }
            long value = parser.getLongValue();
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : -1;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : -1;
        }
        return -1;
    }
}
