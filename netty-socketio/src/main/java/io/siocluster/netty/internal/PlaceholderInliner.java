package io.siocluster.netty.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a binary event's JSON with each attachment inlined as base64 text, without parsing it to a tree: the
 * placeholders are found as the text {@code {"_placeholder":true,"num":<n>}}, which is how Socket.IO's parser
 * ({@code JSON.stringify}) writes them. A parse to a tree and a write back cost more than netty-socketio's own
 * parse of the result (JFR: 7-9 % of the server's samples on the binary 1 kB benchmark row).
 *
 * <p>The text search cannot be fooled by a string value: the JSON was checked ({@link PacketCheck}), and an
 * unescaped {@code "} cannot occur inside a JSON string, so {@code {"_placeholder"} there is always an object's
 * first key. Whenever the text might mean a placeholder in another spelling (another key order or spacing, an
 * escaped key, a number out of range) this returns null and the caller takes the tree path, so both give
 * netty-socketio the same arguments.
 */
final class PlaceholderInliner {

    private static final byte[] START = "{\"_placeholder\":true,\"num\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "_placeholder".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_INDEX_DIGITS = 4; // at most EngineIo4BinaryDecoder.MAX_ATTACHMENTS

    private PlaceholderInliner() {
    }

    /**
     * The text packet {@code 42[<nsp>,][<ack id>]<json>} with the attachments inlined, or null when the JSON is
     * not in the form this recognises.
     */
    static byte @Nullable [] inline(String json, String nsp, @Nullable Long ackId, List<byte[]> attachments) {
        byte[] in = json.getBytes(StandardCharsets.UTF_8);
        if (contains(in, (byte) '\\', (byte) 'u')) {
            return null; // an escaped character might spell the key another way
        }
        int keys = count(in, KEY);
        int[] starts = new int[keys];
        int[] ends = new int[keys];
        byte[][] texts = new byte[keys][];
        byte[] head = head(nsp, ackId);
        long size = head.length + (long) in.length;
        int found = 0;
        Base64.Encoder base64 = Base64.getEncoder();
        for (int at = indexOf(in, START, 0); at >= 0; at = indexOf(in, START, ends[found - 1])) {
            if (found == keys) {
                return null;
            }
            int i = at + START.length;
            int index = 0;
            int digits = 0;
            while (i < in.length && in[i] >= '0' && in[i] <= '9' && digits <= MAX_INDEX_DIGITS) {
                index = index * 10 + (in[i] - '0');
                i++;
                digits++;
            }
            if (digits == 0 || digits > MAX_INDEX_DIGITS || (digits > 1 && in[at + START.length] == '0')
                    || i >= in.length || in[i] != '}' || index >= attachments.size()) {
                return null;
            }
            starts[found] = at;
            ends[found] = i + 1;
            texts[found] = base64.encode(attachments.get(index));
            size += 2 + texts[found].length - (ends[found] - at);
            found++;
        }
        if (found != keys || size > Integer.MAX_VALUE - 16) {
            return null; // "_placeholder" somewhere outside the recognised form
        }
        byte[] out = new byte[(int) size];
        System.arraycopy(head, 0, out, 0, head.length);
        int o = head.length;
        int from = 0;
        for (int k = 0; k < found; k++) {
            System.arraycopy(in, from, out, o, starts[k] - from);
            o += starts[k] - from;
            out[o++] = '"';
            System.arraycopy(texts[k], 0, out, o, texts[k].length);
            o += texts[k].length;
            out[o++] = '"';
            from = ends[k];
        }
        System.arraycopy(in, from, out, o, in.length - from);
        return out;
    }

    private static byte[] head(String nsp, @Nullable Long ackId) {
        StringBuilder head = new StringBuilder(24).append("42");
        if (!nsp.isEmpty()) {
            head.append(nsp).append(',');
        }
        if (ackId != null) {
            head.append(ackId.longValue());
        }
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] in, byte first, byte second) {
        for (int i = 0; i + 1 < in.length; i++) {
            if (in[i] == first && in[i + 1] == second) {
                return true;
            }
        }
        return false;
    }

    private static int count(byte[] in, byte[] what) {
        int n = 0;
        for (int at = indexOf(in, what, 0); at >= 0; at = indexOf(in, what, at + what.length)) {
            n++;
        }
        return n;
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
