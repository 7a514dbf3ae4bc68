package io.siocluster.tck.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates notification payloads no cluster node may accept: text that is not JSON, cut-off messages, JSON
 * that is not an object, fields of the wrong type, message bodies missing what their type needs, attachment
 * headers with unusable ids, nesting deeper than any limit. Each stays far under the transports' payload limit
 * and avoids U+0000. Deterministic for a seed.
 */
public final class MalformedPayloads {

    private static final String ALPHABET = "abcXYZ019 {}[]\",:.-+eE\\/'tfnul\u00e9\u65e5\u20ac\t";
    private static final String OPTS = "\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}}";
    private static final String PACKET = "\"packet\":{\"type\":2,\"data\":[\"event\",1,\"two\",{\"three\":[3]}]}";

    private MalformedPayloads() {
    }

    /** {@code count} malformed payloads. */
    public static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(one(i % 9, random));
        }
        return payloads;
    }

    private static String one(int kind, Random random) {
        String uid = "\"bad-" + Integer.toHexString(random.nextInt()) + "\"";
        switch (kind) {
            case 0: // not JSON at all
                return "x" + randomText(random, random.nextInt(200));
            case 1: { // a valid message cut short: a strict prefix of an object is never JSON
                String whole = pick(random, validMessages(uid));
                return whole.substring(0, 1 + random.nextInt(whole.length() - 1));
            }
            case 2: // JSON, but not an object
                return pick(random, List.of("[]", "[1,2,3]", "42", "-0.5", "\"text\"", "null", "true", " ",
                        "[{\"type\":3,\"uid\":" + uid + "}]"));
            case 3: // no usable type
                return "{\"type\":" + pick(random, List.of("\"3\"", "3.5", "-1", "0", "14", "99", "true", "null",
                        "[]", "{}", "1e3", "4294967299")) + ",\"uid\":" + uid + ",\"nsp\":\"/\"}";
            case 4: // no usable uid or nsp
                return pick(random, List.of("{\"type\":2}", "{\"type\":2,\"uid\":42}", "{\"type\":2,\"uid\":null}",
                        "{\"type\":1,\"uid\":[]}", "{\"type\":13,\"uid\":{}}", "{\"type\":2,\"uid\":true}",
                        "{\"type\":2,\"uid\":" + uid + ",\"nsp\":5}", "{\"type\":2,\"uid\":" + uid + ",\"nsp\":[\"/\"]}"));
            case 5: // a body that does not fit its type
                return "{\"type\":" + pick(random, badBodies()).replace("UID", uid);
            case 6: // attachment headers with no usable id
                return "{\"uid\":" + uid + ",\"type\":3,\"attachmentId\":" + pick(random, List.of("\"\"", "true",
                        "-5", "{}", "[]", "1.5", "[\"1\"]")) + "}";
            case 7: // nesting beyond every limit, in arrays or objects
                return deep(random, 130 + random.nextInt(900), uid);
            default: // broken syntax around a valid message
                return pick(random, List.of(
                        "{\"type\":2,\"uid\":" + uid + ",}",
                        "{\"type\":2 \"uid\":" + uid + "}",
                        "{'type':2,'uid':" + uid + "}",
                        "{\"type\":2,\"uid\":" + uid + "}}",
                        "{\"type\":2,\"uid\":" + uid + "} x",
                        "{\"type\":NaN,\"uid\":" + uid + "}",
                        "{\"type\":02,\"uid\":" + uid + "}",
                        "{\"type\":2,\"uid\":\"unterminated}",
                        "{\"type\":2,\"uid\":\"bad \\q escape\"}",
                        "{\"type\":2,\"uid\":" + uid + "/* comment */}",
                        "{type:2,uid:" + uid + "}"));
        }
    }

    private static List<String> validMessages(String uid) {
        return List.of(
                "{\"type\":3,\"data\":{" + PACKET + "," + OPTS + "},\"uid\":" + uid + ",\"nsp\":\"/\"}",
                "{\"type\":9,\"data\":{\"packet\":[\"hello\",{\"a\":[1,2]}],\"requestId\":\"r1\"},\"uid\":" + uid
                        + ",\"nsp\":\"/\"}",
                "{\"type\":7,\"data\":{" + OPTS + ",\"requestId\":\"r2\"},\"uid\":" + uid + ",\"nsp\":\"/\"}",
                "{\"type\":2,\"uid\":" + uid + ",\"nsp\":\"/\"}",
                "{\"uid\":" + uid + ",\"type\":3,\"attachmentId\":\"12\",\"nsp\":\"/\"}");
    }

    /** Completed after {@code "type":}; UID stands for the sender. */
    private static List<String> badBodies() {
        return List.of(
                "3,\"uid\":UID}", // no data
                "3,\"uid\":UID,\"data\":[1]}",
                "3,\"uid\":UID,\"data\":\"x\"}",
                "3,\"uid\":UID,\"data\":null}",
                "3,\"uid\":UID,\"data\":{" + OPTS + "}}", // no packet
                "3,\"uid\":UID,\"data\":{" + PACKET + "}}", // no opts
                "3,\"uid\":UID,\"data\":{\"packet\":{\"type\":9,\"data\":[\"e\"]}," + OPTS + "}}",
                "3,\"uid\":UID,\"data\":{\"packet\":{\"type\":\"2\",\"data\":[\"e\"]}," + OPTS + "}}",
                "3,\"uid\":UID,\"data\":{\"packet\":{\"type\":2,\"data\":\"e\"}," + OPTS + "}}",
                "3,\"uid\":UID,\"data\":{" + PACKET + ",\"opts\":{\"rooms\":\"room\",\"except\":[]}}}",
                "3,\"uid\":UID,\"data\":{" + PACKET + ",\"opts\":{\"rooms\":[[\"r\"]],\"except\":[]}}}",
                "3,\"uid\":UID,\"data\":{" + PACKET + ",\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{\"timeout\":\"soon\"}}}}",
                "3,\"uid\":UID,\"data\":{" + PACKET + "," + OPTS + ",\"requestId\":7}}",
                "4,\"uid\":UID,\"data\":{" + OPTS + "}}", // join without rooms
                "5,\"uid\":UID,\"data\":{" + OPTS + ",\"rooms\":\"r\"}}",
                "6,\"uid\":UID,\"data\":{" + OPTS + ",\"close\":\"yes\"}}",
                "7,\"uid\":UID,\"data\":{" + OPTS + "}}", // fetch without requestId
                "8,\"uid\":UID,\"data\":{\"requestId\":\"r\",\"sockets\":{}}}",
                "8,\"uid\":UID,\"data\":{\"requestId\":\"r\",\"sockets\":[42]}}",
                "8,\"uid\":UID,\"data\":{\"requestId\":\"r\",\"sockets\":[{\"rooms\":[]}]}}",
                "9,\"uid\":UID,\"data\":{\"packet\":[]}}",
                "9,\"uid\":UID,\"data\":{\"packet\":[1,\"x\"]}}",
                "9,\"uid\":UID,\"data\":{\"packet\":\"event\"}}",
                "10,\"uid\":UID,\"data\":{\"packet\":\"answer\"}}", // response without requestId
                "11,\"uid\":UID,\"data\":{\"requestId\":\"r\",\"clientCount\":\"x\"}}",
                "11,\"uid\":UID,\"data\":{\"requestId\":\"r\",\"clientCount\":-1}}",
                "12,\"uid\":UID,\"data\":{\"packet\":1}}");
    }

    private static String deep(Random random, int depth, String uid) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        boolean objects = random.nextBoolean();
        for (int i = 0; i < depth; i++) {
            open.append(objects ? "{\"a\":" : "[");
            close.append(objects ? "}" : "]");
        }
        return "{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"deep\"," + open + "1" + close + "]},"
                + OPTS + "},\"uid\":" + uid + ",\"nsp\":\"/\"}";
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
