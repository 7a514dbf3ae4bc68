package io.siocluster.core.internal.value;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, insertion-ordered map of protocol values with string keys. Order is kept because Node
 * emits object keys in insertion order and byte-exact re-encoding depends on it; equality ignores order
 * (as {@link Map#equals} does) and compares {@code byte[]} values by content.
 */
public final class FrozenMap extends AbstractMap<String, @Nullable Object> {

    private static final FrozenMap EMPTY = new FrozenMap(new LinkedHashMap<>());

    private final Map<String, @Nullable Object> entries;

    private FrozenMap(LinkedHashMap<String, @Nullable Object> entries) {
        this.entries = entries;
    }

    /** Takes ownership of {@code entries}: the caller must hold frozen values only and never touch it again. */
    public static FrozenMap adopt(LinkedHashMap<String, @Nullable Object> entries) {
        return entries.isEmpty() ? EMPTY : new FrozenMap(entries);
    }

    public static FrozenMap empty() {
        return EMPTY;
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** Its own values, read-only: not AbstractMap's view through an unmodifiable entry set, one wrapper per entry. */
    @Override
    public Collection<@Nullable Object> values() {
        return Collections.unmodifiableCollection(entries.values());
    }

    @Override
    public Set<Entry<String, @Nullable Object>> entrySet() {
        return Collections.unmodifiableMap(entries).entrySet();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Map<?, ?> && DeepEquality.equal(this, other);
    }

    @Override
    public int hashCode() {
        return DeepEquality.hash(this);
    }
}
