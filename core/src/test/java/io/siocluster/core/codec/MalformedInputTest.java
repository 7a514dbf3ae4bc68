package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siocluster.core.codec.MessageDecodeException.Reason;
import io.siocluster.core.codec.internal.MsgpackTreeWriter;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.testing.RandomMessages;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed payloads, each of which must be refused with {@link MessageDecodeException} and
 * nothing else: truncations, trailing bytes, syntax errors, wrong field types, unknown types, deep nesting,
 * oversized containers and lying msgpack headers. Random mutations must decode or be refused, never throw
 * anything else.
 */
@DisplayName("malformed input")
class MalformedInputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON_NOISE = "{}[]\",:0-e.\\u";

    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    /** One valid JSON payload of each message type. */
    private List<String> validJson() {
        List<String> payloads = new ArrayList<>();
        RandomMessages messages = new RandomMessages(7, false);
        for (MessageType type : MessageType.values()) {
            payloads.add(codec.encodeJson(new Envelope("0123456789abcdef", "/", messages.message(type))));
        }
        return payloads;
    }

    /** Valid msgpack envelopes, binary included. */
    private List<byte[]> validMsgpack() {
        List<byte[]> payloads = new ArrayList<>();
        RandomMessages messages = new RandomMessages(8, true);
        for (MessageType type : MessageType.values()) {
            Envelope envelope = new Envelope("0123456789abcdef", "/", messages.message(type));
            byte[] bytes = codec.encodeMsgpack(envelope);
            if (bytes.length < 600) {
                payloads.add(bytes);
            }
        }
        return payloads;
    }

    @Test
    @DisplayName("at least 1,000 generated malformed payloads are all refused with MessageDecodeException")
    void generatedMalformed() {
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        int count = 0;
        for (String payload : malformedJson()) {
            reasons.merge(refusedJson(payload), 1, Integer::sum);
            count++;
        }
        for (byte[] payload : malformedMsgpack()) {
            reasons.merge(refusedMsgpack(payload), 1, Integer::sum);
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(1000);
        assertThat(reasons.keySet()).as("every reason occurs: %s", reasons).containsExactlyInAnyOrder(Reason.values());
    }

    private Reason refusedJson(String payload) {
        try {
            InboundNotification decoded = codec.decodeNotification(payload, "/");
            throw new AssertionError("accepted malformed JSON " + shorten(payload) + " as " + decoded);
        } catch (MessageDecodeException e) {
            return e.reason();
        }
    }

    private Reason refusedMsgpack(byte[] payload) {
        try {
            Envelope decoded = codec.decodeAttachment(payload, "/");
            throw new AssertionError("accepted malformed msgpack " + shorten(HexFormat.of().formatHex(payload)) + " as " + decoded);
        } catch (MessageDecodeException e) {
            return e.reason();
        }
    }

    private List<String> malformedJson() {
        List<String> out = new ArrayList<>();
        List<String> valid = validJson();
        for (String payload : valid) {
            // every proper prefix of an object is incomplete
            for (int i = 0; i < payload.length(); i += Math.max(1, payload.length() / 60)) {
                out.add(payload.substring(0, i));
            }
            for (String tail : List.of("x", "}", "{}", " 1", "[]", ",", "\"", "null")) {
                out.add(payload + tail);
            }
        }
        out.addAll(List.of("[]", "1", "\"s\"", "null", "true", "", " ", "{", "}", "{'type':1}", "{type:1}",
                "{\"type\":1,}", "{\"type\":01,\"uid\":\"u\"}", "{\"type\":NaN,\"uid\":\"u\"}",
                "{\"type\":1,\"uid\":\"u\"/*c*/}", "{\"type\":1,\"uid\":\"a\u0001b\"}", "{\"type\":1,\"uid\":\"\\x41\"}",
                "{\"type\":1 \"uid\":\"u\"}", "{\"type\":1,\"uid\":\"u\"}{}", "\ufeff{\"type\":1,\"uid\":\"u\"}"));
        out.addAll(wrongFields(valid));
        out.add(nested(200)); // deeper than the 128-level limit
        return out;
    }

    /** Each field of each message type replaced by values of a wrong type, or removed when required. */
    private List<String> wrongFields(List<String> valid) {
        List<String> out = new ArrayList<>();
        List<JsonNode> notStrings = List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode());
        List<JsonNode> notObjects = List.of(NODES.numberNode(1), NODES.textNode("x"), NODES.arrayNode(), NODES.booleanNode(false));
        List<JsonNode> notArrays = List.of(NODES.numberNode(1), NODES.textNode("x"), NODES.objectNode(), NODES.booleanNode(true));
        List<JsonNode> badTypes = List.of(NODES.textNode("3"), NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(),
                NODES.objectNode(), NODES.numberNode(0), NODES.numberNode(14), NODES.numberNode(99), NODES.numberNode(-1),
                NODES.numberNode(3.5), NODES.numberNode(1e3));
        for (String payload : valid) {
            ObjectNode root = parse(payload);
            badTypes.forEach(v -> out.add(with(root, "/type", v)));
            notStrings.forEach(v -> out.add(with(root, "/uid", v)));
            out.add(with(root, "/uid", null));
            notStrings.forEach(v -> out.add(with(root, "/nsp", v)));
            if (!root.has("data")) {
                continue;
            }
            notObjects.forEach(v -> out.add(with(root, "/data", v)));
            out.add(with(root, "/data", null));
            JsonNode data = root.get("data");
            for (String key : List.of("requestId")) {
                if (data.has(key)) {
                    notStrings.forEach(v -> out.add(with(root, "/data/" + key, v)));
                }
            }
            if (data.has("opts")) {
                notObjects.forEach(v -> out.add(with(root, "/data/opts", v)));
                out.add(with(root, "/data/opts", null));
                notArrays.forEach(v -> out.add(with(root, "/data/opts/rooms", v)));
                notArrays.forEach(v -> out.add(with(root, "/data/opts/except", v)));
                List.of(NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode())
                        .forEach(v -> out.add(with(root, "/data/opts/rooms", NODES.arrayNode().add(v))));
                notObjects.forEach(v -> out.add(with(root, "/data/opts/flags", v)));
                List.of(NODES.textNode("yes"), NODES.numberNode(1), NODES.arrayNode())
                        .forEach(v -> out.add(with(root, "/data/opts/flags/volatile", v)));
                List.of(NODES.textNode("5"), NODES.booleanNode(true), NODES.arrayNode())
                        .forEach(v -> out.add(with(root, "/data/opts/flags/timeout", v)));
            }
            if (root.get("type").asInt() == MessageType.BROADCAST.code()) {
                notObjects.forEach(v -> out.add(with(root, "/data/packet", v)));
                out.add(with(root, "/data/packet", null));
                List.of(NODES.textNode("2"), NODES.numberNode(-1), NODES.numberNode(7), NODES.numberNode(2.5), NODES.nullNode())
                        .forEach(v -> out.add(with(root, "/data/packet/type", v)));
                notArrays.forEach(v -> out.add(with(root, "/data/packet/data", v)));
                notStrings.forEach(v -> out.add(with(root, "/data/packet/nsp", v)));
            } else if (data.has("packet") && root.get("type").asInt() == MessageType.SERVER_SIDE_EMIT.code()) {
                notArrays.forEach(v -> out.add(with(root, "/data/packet", v)));
                out.add(with(root, "/data/packet", NODES.arrayNode()));
                out.add(with(root, "/data/packet", NODES.arrayNode().add(1).add("x")));
            }
            if (data.has("rooms")) {
                notArrays.forEach(v -> out.add(with(root, "/data/rooms", v)));
                out.add(with(root, "/data/rooms", null));
            }
            if (data.has("close")) {
                List.of(NODES.textNode("true"), NODES.numberNode(1), NODES.arrayNode())
                        .forEach(v -> out.add(with(root, "/data/close", v)));
            }
            if (data.has("clientCount")) {
                List.of(NODES.textNode("3"), NODES.numberNode(-1), NODES.numberNode(1.5), NODES.numberNode(1L << 40), NODES.nullNode())
                        .forEach(v -> out.add(with(root, "/data/clientCount", v)));
            }
            if (data.has("sockets")) {
                notArrays.forEach(v -> out.add(with(root, "/data/sockets", v)));
                out.add(with(root, "/data/sockets", NODES.arrayNode().add(1)));
                out.add(with(root, "/data/sockets", NODES.arrayNode().add(NODES.objectNode())));
                out.add(with(root, "/data/sockets", NODES.arrayNode().add(NODES.objectNode().put("id", "s").put("handshake", 1))));
            }
            if (data.has("requestId") && root.get("type").asInt() != MessageType.BROADCAST.code()
                    && root.get("type").asInt() != MessageType.SERVER_SIDE_EMIT.code()) {
                out.add(with(root, "/data/requestId", null));
            }
        }
        ObjectNode header = parse("{\"uid\":\"u\",\"type\":3,\"attachmentId\":\"1\"}");
        List.of(NODES.textNode(""), NODES.numberNode(-1), NODES.numberNode(1.5), NODES.booleanNode(true), NODES.arrayNode(),
                NODES.objectNode()).forEach(v -> out.add(with(header, "/attachmentId", v)));
        notStrings.forEach(v -> out.add(with(header, "/uid", v)));
        badTypes.stream().filter(v -> !v.isNull()).forEach(v -> out.add(with(header, "/type", v)));
        return out;
    }

    private List<byte[]> malformedMsgpack() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] payload : validMsgpack()) {
            for (int i = 0; i < payload.length; i += Math.max(1, payload.length / 40)) {
                out.add(java.util.Arrays.copyOf(payload, i));
            }
            for (String tail : List.of("00", "c0", "90", "81a17801")) {
                out.add(concat(payload, HexFormat.of().parseHex(tail)));
            }
        }
        HexFormat hex = HexFormat.of();
        for (String s : List.of(
                "", "90", "c0", "01", "a178", "c3", "c1",
                "81a474797065c1", // the never-used byte
                "81c40178c0", "81c0c0", "8190c0", "81c3c0", "818001c0", // keys that are not strings or numbers
                "81a178dd7fffffff", "81a178ddffffffff", // array 32 announcing 2^31-1 / 2^32-1 elements
                "81a178c67fffffff00", "81a178db7fffffff61", "81a178df7fffffff", // bin, str, map 32
                "81a178c9ffffffff05", "81a178d605000000000", "81a178c7ff0500", // ext 32 / fixext / ext 8 of other types
                "df7fffffff", "dc0000", "8fa17801")) {
            out.add(hex.parseHex(s.length() % 2 == 0 ? s : s + "0"));
        }
        // whole messages with a field of the wrong type, through the msgpack path too
        for (String json : wrongFields(validJson())) {
            try {
                out.add(MsgpackTreeWriter.write(MAPPER.readValue(json, Object.class)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        out.add(nestedMsgpack(200));
        return out;
    }

    @Test
    @DisplayName("random mutations of valid payloads decode or are refused, never throw anything else")
    void mutations() {
        Random random = new Random(42);
        List<String> json = validJson();
        List<byte[]> msgpack = validMsgpack();
        int refused = 0;
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder(json.get(random.nextInt(json.size())));
            for (int k = 1 + random.nextInt(3); k > 0 && text.length() > 0; k--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, (char) random.nextInt(128));
                    case 1 -> text.deleteCharAt(at);
                    default -> text.insert(at, JSON_NOISE.charAt(random.nextInt(JSON_NOISE.length())));
                }
            }
            refused += decodesOrRefused(() -> codec.decodeNotification(text.toString(), "/"));
            byte[] bytes = msgpack.get(random.nextInt(msgpack.size())).clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            refused += decodesOrRefused(() -> codec.decodeAttachment(bytes, "/"));
        }
        assertThat(refused).isGreaterThan(1000);
    }

    private interface Decode {
        Object run() throws MessageDecodeException;
    }

    private static int decodesOrRefused(Decode decode) {
        try {
            decode.run();
            return 0;
        } catch (MessageDecodeException e) {
            return 1;
        } catch (Throwable e) {
            fail("decode threw " + e, e);
            return 0;
        }
    }

    @Test
    @DisplayName("limits: depth, value count and payload size are refused as LIMIT_EXCEEDED")
    void limits() {
        ProtocolCodec strict = ProtocolCodec.create(AttachmentPolicy.DEFAULT, new DecodeLimits(10_000, 20, 1_000));
        String manyValues = "{\"type\":9,\"data\":{\"packet\":[\"e\"" + ",1".repeat(2000) + "]},\"uid\":\"u\",\"nsp\":\"/\"}";
        String longString = "{\"type\":9,\"data\":{\"packet\":[\"" + "x".repeat(20_000) + "\"]},\"uid\":\"u\",\"nsp\":\"/\"}";
        String multibyte = "{\"type\":9,\"data\":{\"packet\":[\"" + "\u20ac".repeat(4000) + "\"]},\"uid\":\"u\",\"nsp\":\"/\"}";
        for (String payload : List.of(manyValues, longString, multibyte, nested(30))) {
            assertThatThrownBy(() -> strict.decodeNotification(payload, "/"))
                    .isInstanceOfSatisfying(MessageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
        }
        assertThatThrownBy(() -> strict.decodeAttachment(new byte[20_000], "/"))
                .isInstanceOfSatisfying(MessageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
        assertThatThrownBy(() -> strict.decodeAttachment(nestedMsgpack(30), "/"))
                .isInstanceOfSatisfying(MessageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
        byte[] bigArray = HexFormat.of().parseHex("82a474797065" + "09" + "a464617461" + "81a67061636b6574" + "dc07d0" + "01".repeat(2000));
        assertThatThrownBy(() -> strict.decodeAttachment(bigArray, "/"))
                .isInstanceOfSatisfying(MessageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    }

    @Test
    @DisplayName("a refused message still names its sender when the uid could be read")
    void senderUid() {
        assertThatThrownBy(() -> codec.decodeNotification("{\"type\":99,\"uid\":\"abc\",\"nsp\":\"/\"}", "/"))
                .isInstanceOfSatisfying(MessageDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
                    assertThat(e.senderUid()).isEqualTo("abc");
                });
    }

    private static String nested(int depth) {
        return "{\"type\":9,\"data\":{\"packet\":[\"e\"," + "[".repeat(depth) + "]".repeat(depth) + "]},\"uid\":\"u\",\"nsp\":\"/\"}";
    }

    private static byte[] nestedMsgpack(int depth) {
        String prefix = "84a474797065" + "09" + "a375696" + "4a175" + "a36e7370a12f" + "a464617461" + "81a67061636b6574" + "92a165";
        String hex = prefix + "91".repeat(depth - 1) + "90";
        return HexFormat.of().parseHex(hex);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code root} with the field at {@code pointer} set to {@code value}, or removed when null. */
    private static String with(ObjectNode root, String pointer, @org.jspecify.annotations.Nullable JsonNode value) {
        ObjectNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        if (!(parent instanceof ObjectNode object)) {
            return "{\"type\":1}"; // parent absent in this message: still malformed (no uid)
        }
        String field = pointer.substring(slash + 1);
        if (value == null) {
            object.remove(field);
        } else {
            object.set(field, value);
        }
        return copy.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
