package io.siocluster.core.codec.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lower bound on the UTF-8 length of the JSON text {@link JsonTextWriter} writes for a value tree, found without
 * writing it: every string (and key) as two quotes and at least one byte per UTF-16 unit (escapes and multi-byte
 * characters only add), null and booleans as written, a number as at least one byte. A message whose bound already reaches the payload
 * threshold goes aside as msgpack without its JSON being written only to be measured (on PostgreSQL's 20 kB
 * benchmark row that JSON was an eighth of the event loops' samples).
 */
public final class JsonSizeFloor {

    private JsonSizeFloor() {
    }

    /** At most the UTF-8 length of {@code value}'s JSON, capped at {@code cap} (the walk stops there). */
    public static long atLeast(@Nullable Object value, long cap) {
        return add(0, value, cap);
    }

    private static long add(long size, @Nullable Object value, long cap) {
        if (size >= cap) {
            return size;
        }
        if (value instanceof String s) {
            return size + 2 + s.length();
        }
        if (value instanceof Map<?, ?> map) {
            long total = size + 2 + Math.max(0, map.size() - 1); // braces and commas
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total = add(total + 1, entry.getKey(), cap); // the colon, then the key
                total = add(total, entry.getValue(), cap);
                if (total >= cap) {
                    return total;
                }
            }
            return total;
        }
        if (value instanceof List<?> list) {
            long total = size + 2 + Math.max(0, list.size() - 1);
            for (Object item : list) {
                total = add(total, item, cap);
                if (total >= cap) {
                    return total;
                }
            }
            return total;
        }
        if (value == null) {
            return size + 4;
        }
        if (value instanceof Boolean b) {
            return size + (b ? 4 : 5);
        }
        return size + 1; // a number
    }
}
