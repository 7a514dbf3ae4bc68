package io.siocluster.core.internal.value;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list of protocol values. Equality is deep and compares {@code byte[]} by content, so two
 * messages carrying the same binary argument are equal (plain lists compare arrays by identity).
 * Only {@link ValueFreezer} and the decoders create instances, always over arrays nobody else holds.
 */
public final class FrozenList extends AbstractList<@Nullable Object> implements RandomAccess {

    private static final byte UNKNOWN = 0;
    private static final byte NO_BINARY = 1;
    private static final byte BINARY = 2;

    private static final FrozenList EMPTY = new FrozenList(new Object[0]);

    private final @Nullable Object[] items;

    private byte binary; // UNKNOWN until containsBinary() is first asked

    private FrozenList(@Nullable Object[] items) {
        this.items = items;
    }

    /** Takes ownership of {@code items}: the caller must hold frozen values only and never touch it again. */
    public static FrozenList adopt(@Nullable Object[] items) {
        return items.length == 0 ? EMPTY : new FrozenList(items);
    }

    public static FrozenList empty() {
        return EMPTY;
    }

    @Override
    public @Nullable Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    /** Whether a byte array occurs in it: asked for every message published, so worked out once. */
    boolean containsBinary() {
        byte known = binary;
        if (known == UNKNOWN) {
            known = ValueFreezer.anyBinary(this) ? BINARY : NO_BINARY;
            binary = known; // racing threads work out the same answer
        }
        return known == BINARY;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof java.util.List<?> && DeepEquality.equal(this, other);
    }

    @Override
    public int hashCode() {
        return DeepEquality.hash(this);
    }
}
