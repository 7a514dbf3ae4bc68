package io.siocluster.core.internal.codec;

/** The decode limits as the readers need them; see {@code DecodeLimits} for their meaning. */
public record ReadLimits(int maxPayloadBytes, int maxNestingDepth, int maxValues) {
}
