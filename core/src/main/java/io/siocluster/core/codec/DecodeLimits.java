package io.siocluster.core.codec;

/**
 * Bounds on what a decoder accepts, so that a hostile or broken payload costs bounded memory and stack.
 *
 * @param maxPayloadBytes the largest payload, in bytes (msgpack) or UTF-8 bytes (JSON)
 * @param maxNestingDepth the deepest nesting of objects and arrays in a whole message, envelope included
 * @param maxValues the most values (scalars and containers) in one message; bounds the objects a small
 *        payload of tiny elements could make
 */
public record DecodeLimits(int maxPayloadBytes, int maxNestingDepth, int maxValues) {

    /**
     * 64 MiB, 128 levels (arguments may nest 100, {@link io.siocluster.core.protocol.Values#MAX_DEPTH},
     * the envelope adds at most 6), and 4 million values.
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(64 * 1024 * 1024, 128, 4_000_000);

    public DecodeLimits {
        if (maxPayloadBytes < 1 || maxNestingDepth < 1 || maxValues < 1) {
            throw new IllegalArgumentException("decode limits must be positive: " + maxPayloadBytes + ", "
                    + maxNestingDepth + ", " + maxValues);
        }
    }
}
