package io.siocluster.core.internal.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validates a caller's argument tree and turns it into frozen containers with canonical numbers. Frozen
 * subtrees are taken as they are (the decoders build them), so freezing a decoded message costs nothing.
 * Byte arrays from callers are copied: a message must not change after it is built.
 */
public final class ValueFreezer {

    /** Deepest nesting of lists and maps inside one value; also stops self-containing structures. */
    public static final int MAX_DEPTH = 100;

    private ValueFreezer() {
    }

    public static @Nullable Object freeze(@Nullable Object value) {
        return freeze(value, 0);
    }

    public static FrozenList freezeList(List<?> list) {
        return (FrozenList) freeze(list, 0);
    }

    public static FrozenMap freezeMap(Map<?, ?> map) {
        return (FrozenMap) freeze(map, 0);
    }

    private static @Nullable Object freeze(@Nullable Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof FrozenList || value instanceof FrozenMap) {
            return value;
        }
        if (value instanceof Number number) {
            return CanonicalNumbers.canonical(number);
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value nests lists and maps deeper than " + MAX_DEPTH
                    + " levels (or contains itself)");
        }
        if (value instanceof List<?> list) {
            Object[] items = new Object[list.size()];
            int i = 0;
            for (Object item : list) {
                items[i++] = freeze(item, depth + 1);
            }
            return FrozenList.adopt(items);
        }
        if (value instanceof Object[] array) {
            return freeze(java.util.Arrays.asList(array), depth);
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, @Nullable Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("map keys must be strings, got "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
                }
                entries.put(key, freeze(e.getValue(), depth + 1));
            }
            return FrozenMap.adopt(entries);
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
                + ": use null, Boolean, Number, String, byte[], List or Map<String, ?>"
                + " (convert other objects to maps first)");
    }

    /** Whether a byte array occurs anywhere in the tree. */
    public static boolean containsBinary(@Nullable Object value) {
        if (value instanceof byte[]) {
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (containsBinary(item)) {
                    return true;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                if (containsBinary(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
