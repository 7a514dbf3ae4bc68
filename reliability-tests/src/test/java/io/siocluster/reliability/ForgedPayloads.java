package io.siocluster.reliability;

import java.util.List;
import java.util.Random;

/**
 * What anyone who can {@code NOTIFY} on the database could write on a cluster's channel: random text, messages of
 * the wrong shape or types, deep nesting, fake and garbage attachment headers, forged sender ids (the legitimate
 * sender's too, with a wild message number), and numbers no decoder should trust. Every payload fits under
 * PostgreSQL's 8,000-byte NOTIFY limit and holds no NUL. Deterministic for a seed.
 *
 * <p>Left out on purpose: well-formed HEARTBEAT, INITIAL_HEARTBEAT and ADAPTER_CLOSE messages. They are the
 * protocol itself (Node's adapter trusts them the same way): a forged heartbeat is a new peer by definition.
 */
final class ForgedPayloads {

    /** An event name no forged message may make a socket receive as legitimate traffic. */
    static final String FORGED_EVENT = "forged";

    private static final List<String> WRONG_TYPES = List.of(
            "{\"uid\":123,\"type\":3,\"data\":{}}",
            "{\"uid\":\"x\",\"type\":\"3\",\"data\":{}}",
            "{\"uid\":\"x\",\"type\":3,\"data\":[]}",
            "{\"uid\":\"x\",\"type\":3,\"data\":{\"packet\":\"nope\",\"opts\":5}}",
            "{\"uid\":\"x\",\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":\"str\"},\"opts\":{\"rooms\":\"notalist\"}}}",
            "{\"uid\":\"x\",\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[]},\"opts\":{\"rooms\":[1,{}],\"except\":null}}}",
            "{\"uid\":\"x\",\"type\":7,\"data\":{\"opts\":{},\"requestId\":{}}}",
            "{\"uid\":\"x\",\"type\":8,\"data\":{\"requestId\":\"nobody\",\"sockets\":\"many\"}}",
            "{\"uid\":\"x\",\"type\":2,\"data\":null,\"nsp\":5}",
            "{\"uid\":\"x\",\"type\":4,\"data\":{\"opts\":{},\"rooms\":[[]]}}",
            "{\"uid\":\"x\",\"type\":0}", "{\"uid\":\"x\",\"type\":14}", "{\"uid\":\"x\",\"type\":-1}",
            "{\"uid\":\"\",\"type\":3,\"data\":{}}", "{\"type\":3}", "{}", "[]", "\"str\"", "42", "null", "true",
            "{\"uid\":\"x\",\"type\":3,\"data\":{},\"uid\":\"y\"}");

    private static final List<String> HUGE_NUMBERS = List.of(
            "{\"uid\":\"x\",\"type\":1e400,\"data\":{}}",
            "{\"uid\":\"x\",\"type\":99999999999999999999999,\"data\":{}}",
            "{\"uid\":\"x\",\"type\":3.5,\"data\":{}}",
            "{\"uid\":\"x\",\"type\":3,\"seq\":1e300,\"data\":{\"packet\":{\"type\":2,\"data\":[\"forged\"]},\"opts\":{\"rooms\":[\"nobody\"]}}}",
            "{\"uid\":\"x\",\"type\":3,\"seq\":-1,\"data\":{\"packet\":{\"type\":2,\"data\":[\"forged\"]},\"opts\":{\"rooms\":[\"nobody\"]}}}",
            "{\"uid\":\"x\",\"type\":3,\"seq\":9007199254740993,\"data\":{}}",
            "{\"uid\":\"x\",\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"forged\",1e999999,-1e999999]},\"opts\":{\"rooms\":[\"nobody\"]}}}",
            "{\"uid\":\"x\",\"type\":7,\"data\":{\"opts\":{\"flags\":{\"timeout\":1e308}},\"requestId\":\"r\"}}");

    private static final List<String> GARBAGE_ATTACHMENT_IDS = List.of(
            "\"abc\"", "-1", "1e309", "\"99999999999999999999999\"", "{}", "[]", "\"\"", "null", "0.5", "\"1; DROP TABLE x\"");

    private final Random random;
    private final String legitimateUid;
    private long forgedSeq = 1_000_000_000L;

    ForgedPayloads(long seed, String legitimateUid) {
        this.random = new Random(seed);
        this.legitimateUid = legitimateUid;
    }

    /** The {@code n}th forged payload: the kinds take turns. */
    String next(int n) {
        return switch (n % 8) {
            case 0 -> randomText(1 + random.nextInt(2_000));
            case 1 -> WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
            case 2 -> deepNesting(1_000 + random.nextInt(2_800));
            case 3 -> "{\"uid\":\"forger-" + random.nextInt(1_000_000) + "\",\"type\":3,\"attachmentId\":\""
                    + Math.abs(random.nextLong()) + "\",\"nsp\":\"/\"}";
            case 4 -> "{\"uid\":\"forger\",\"type\":" + (3 + random.nextInt(8)) + ",\"attachmentId\":"
                    + GARBAGE_ATTACHMENT_IDS.get(random.nextInt(GARBAGE_ATTACHMENT_IDS.size())) + "}";
            case 5 -> forgedBroadcast("forged-" + Long.toHexString(random.nextLong()), 1 + random.nextInt(1_000));
            case 6 -> forgedBroadcast(legitimateUid, forgedSeq += 1_000_000_000L); // the real sender's id, a wild number
            default -> HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size()));
        };
    }

    /** A well-formed broadcast of the forged event to a room nobody is in. */
    private static String forgedBroadcast(String uid, long seq) {
        return "{\"uid\":\"" + uid + "\",\"type\":3,\"seq\":" + seq + ",\"nsp\":\"/\",\"data\":{\"packet\":{\"type\":2,"
                + "\"data\":[\"" + FORGED_EVENT + "\",1]},\"opts\":{\"rooms\":[\"nobody\"],\"except\":[],\"flags\":{}}}}";
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        String json = "{}[]\",:0123456789.eE-+ \\u";
        while (text.length() < length) {
            if (random.nextBoolean()) {
                text.append(json.charAt(random.nextInt(json.length())));
            } else {
                char c = (char) (1 + random.nextInt(0x7FF)); // never NUL, never a lone surrogate
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String deepNesting(int depth) {
        String open = "{\"uid\":\"deep\",\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"forged\",";
        return open + "[".repeat(depth) + "]".repeat(depth) + "]},\"opts\":{}}}";
    }
}
