package io.siocluster.core.internal.value;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Equality and hash codes over protocol value trees: {@code byte[]} by content, numbers by their
 * canonical form (so {@code 1}, {@code 1L} and {@code 1.0} are one value, as in JavaScript), maps
 * regardless of key order.
 */
public final class DeepEquality {

    private DeepEquality() {
    }

    public static boolean equal(@Nullable Object a, @Nullable Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return CanonicalNumbers.canonical(x).equals(CanonicalNumbers.canonical(y));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return listsEqual(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return mapsEqual(x, y);
        }
        return a.equals(b);
    }

    public static int hash(@Nullable Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] bytes) {
            return Arrays.hashCode(bytes);
        }
        if (value instanceof Number number) {
            return CanonicalNumbers.canonical(number).hashCode();
        }
        if (value instanceof List<?> list) {
            int h = 1;
            for (Object item : list) {
                h = 31 * h + hash(item);
            }
            return h;
        }
        if (value instanceof Map<?, ?> map) {
            int h = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                h += Objects.hashCode(e.getKey()) ^ hash(e.getValue());
            }
            return h;
        }
        return value.hashCode();
    }

    private static boolean listsEqual(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        Iterator<?> i = x.iterator();
        Iterator<?> j = y.iterator();
        while (i.hasNext()) {
            if (!equal(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(Map<?, ?> x, Map<?, ?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : x.entrySet()) {
            Object key = e.getKey();
            if (!y.containsKey(key) || !equal(e.getValue(), y.get(key))) {
                return false;
            }
        }
        return true;
    }
}
