package io.siocluster.core.internal.value;

import java.util.AbstractMap;
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

    private static final byte UNKNOWN = 0;
    private static final byte NO_BINARY = 1;
    private static final byte BINARY = 2;

    private static final FrozenMap EMPTY = new FrozenMap(new LinkedHashMap<>());

    private final Map<String, @Nullable Object> entries;

    private byte binary; // UNKNOWN until containsBinary() is first asked

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

    @Override
    public Set<Entry<String, @Nullable Object>> entrySet() {
        return Collections.unmodifiableMap(entries).entrySet();
    }

    /** Whether a byte array occurs in it: asked for every message published, so worked out once. */
    boolean containsBinary() {
        byte known = binary;
        if (known == UNKNOWN) {
            known = ValueFreezer.anyBinary(entries.values()) ? BINARY : NO_BINARY;
            binary = known; // racing threads work out the same answer
        }
        return known == BINARY;
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
