package io.siocluster.core.protocol;

import io.siocluster.core.internal.value.DeepEquality;
import io.siocluster.core.internal.value.ValueFreezer;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The argument values that messages carry: what JavaScript can send, as plain Java types.
 *
 * <ul>
 *   <li>{@code null}, {@link Boolean}, {@link String};</li>
 *   <li>{@link Number}: read back as {@link Integer} or {@link Long} for whole numbers up to 2^53
 *       (JavaScript's safe integers; longer longs stay exact), otherwise {@link Double};</li>
 *   <li>{@code byte[]} (binary, at any depth; such messages travel as attachments);</li>
 *   <li>{@link List} of values and {@link Map} with {@link String} keys, in insertion order.</li>
 * </ul>
 *
 * <p>Messages freeze their arguments when built: containers become immutable, byte arrays are copied,
 * numbers take their canonical form. Lists and maps read from a message compare deeply, binary by
 * content. Byte arrays handed out by a decoded message are shared, not copied: do not modify them.
 */
public final class Values {

    /** Deepest nesting of lists and maps inside one argument. */
    public static final int MAX_DEPTH = ValueFreezer.MAX_DEPTH;

    private Values() {
    }

    /**
     * An immutable, canonical copy of a value tree.
     *
     * @throws IllegalArgumentException for other types, non-string map keys, or nesting deeper than
     *         {@link #MAX_DEPTH}
     */
    public static @Nullable Object freeze(@Nullable Object value) {
        return ValueFreezer.freeze(value);
    }

    /** {@link #freeze(Object)} for a list. */
    public static List<@Nullable Object> freezeList(List<?> list) {
        return ValueFreezer.freezeList(list);
    }

    /** {@link #freeze(Object)} for a map. */
    public static Map<String, @Nullable Object> freezeMap(Map<?, ?> map) {
        return ValueFreezer.freezeMap(map);
    }

    /** Value equality: binary by content, numbers by value ({@code 1 == 1L == 1.0}), maps in any order. */
    public static boolean deepEquals(@Nullable Object a, @Nullable Object b) {
        return DeepEquality.equal(a, b);
    }

    /** A hash code consistent with {@link #deepEquals}. */
    public static int deepHashCode(@Nullable Object value) {
        return DeepEquality.hash(value);
    }

    /** Whether a {@code byte[]} occurs anywhere in the value. */
    public static boolean containsBinary(@Nullable Object value) {
        return ValueFreezer.containsBinary(value);
    }
}
