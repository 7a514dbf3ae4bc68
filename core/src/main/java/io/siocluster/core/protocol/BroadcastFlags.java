package io.siocluster.core.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code flags} of {@link BroadcastOptions}: {@code volatile}, {@code compress}, {@code timeout}
 * (milliseconds) and {@code expectSingleResponse}, each possibly absent. Absent and {@code false} differ
 * on the wire ({@code io.compress(false)} sends {@code "compress":false}), so each getter returns
 * {@code null} for absent. The flags keep the order in which they were set, as Node's
 * {@code Object.assign} does, so decoded flags re-encode byte for byte. Equality ignores that order.
 *
 * <p>Flags Node keeps to itself ({@code local}) or that this version does not know are not kept.
 */
public final class BroadcastFlags {

    /** No flag set: {@code {}}. Also what a missing {@code flags} key (the Node emitter) reads as. */
    public static final BroadcastFlags NONE = new BroadcastFlags(new LinkedHashMap<>());

    static final String VOLATILE = "volatile";
    static final String COMPRESS = "compress";
    static final String TIMEOUT = "timeout";
    static final String EXPECT_SINGLE_RESPONSE = "expectSingleResponse";

    private final Map<String, Object> wire;

    private BroadcastFlags(LinkedHashMap<String, Object> wire) {
        this.wire = Collections.unmodifiableMap(wire);
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder that starts from these flags, keeping their order. */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(wire));
    }

    /** {@code volatile}: the packet may be dropped for a client that is not ready; null when absent. */
    public @Nullable Boolean volatileFlag() {
        return (Boolean) wire.get(VOLATILE);
    }

    /** {@code compress}; null when absent. */
    public @Nullable Boolean compress() {
        return (Boolean) wire.get(COMPRESS);
    }

    /** {@code timeout} in milliseconds for acknowledgements; null when absent. */
    public @Nullable Long timeoutMillis() {
        return (Long) wire.get(TIMEOUT);
    }

    /** {@code expectSingleResponse} (a remote socket's acknowledged emit); null when absent. */
    public @Nullable Boolean expectSingleResponse() {
        return (Boolean) wire.get(EXPECT_SINGLE_RESPONSE);
    }

    public boolean isVolatile() {
        return Boolean.TRUE.equals(volatileFlag());
    }

    public boolean isEmpty() {
        return wire.isEmpty();
    }

    /** The flags as their wire keys and values ({@link Boolean} or {@link Long}), in the order they were set. */
    public Map<String, Object> asWireMap() {
        return wire;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof BroadcastFlags that && wire.equals(that.wire);
    }

    @Override
    public int hashCode() {
        return wire.hashCode();
    }

    @Override
    public String toString() {
        return "BroadcastFlags" + wire;
    }

    /** Sets flags; setting one again changes its value but not its position, like {@code Object.assign}. */
    public static final class Builder {

        private final LinkedHashMap<String, Object> wire;

        private Builder(LinkedHashMap<String, Object> wire) {
            this.wire = wire;
        }

        public Builder volatileFlag(boolean value) {
            wire.put(VOLATILE, value);
            return this;
        }

        public Builder compress(boolean value) {
            wire.put(COMPRESS, value);
            return this;
        }

        public Builder timeoutMillis(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("timeout must not be negative, got " + value);
            }
            wire.put(TIMEOUT, value);
            return this;
        }

        public Builder expectSingleResponse(boolean value) {
            wire.put(EXPECT_SINGLE_RESPONSE, value);
            return this;
        }

        public BroadcastFlags build() {
            return wire.isEmpty() ? NONE : new BroadcastFlags(new LinkedHashMap<>(wire));
        }
    }
}
