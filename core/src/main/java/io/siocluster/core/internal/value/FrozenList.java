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

    private static final FrozenList EMPTY = new FrozenList(new Object[0]);

    private final @Nullable Object[] items;

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

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof java.util.List<?> && DeepEquality.equal(this, other);
    }

    @Override
    public int hashCode() {
        return DeepEquality.hash(this);
    }
}
