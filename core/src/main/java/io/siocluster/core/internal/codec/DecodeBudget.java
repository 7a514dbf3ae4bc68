package io.siocluster.core.internal.codec;

import io.siocluster.core.internal.codec.DecodeError.Kind;

/** Counts what one decode has built so far against the {@link ReadLimits}. Not thread-safe: one per decode. */
final class DecodeBudget {

    private final ReadLimits limits;
    private long values;

    DecodeBudget(ReadLimits limits) {
        this.limits = limits;
    }

    void spend(long count) throws DecodeError {
        values += count;
        if (values > limits.maxValues()) {
            throw tooMany();
        }
    }

    /** Refuses a container announcing more elements than the budget has left, before it is allocated. */
    void checkRoom(long count) throws DecodeError {
        if (values + count > limits.maxValues()) {
            throw tooMany();
        }
    }

    void enter(int depth) throws DecodeError {
        if (depth > limits.maxNestingDepth()) {
            throw new DecodeError(Kind.LIMIT_EXCEEDED, "nested deeper than " + limits.maxNestingDepth() + " levels");
        }
    }

    private DecodeError tooMany() {
        return new DecodeError(Kind.LIMIT_EXCEEDED, "more than " + limits.maxValues() + " values");
    }
}
