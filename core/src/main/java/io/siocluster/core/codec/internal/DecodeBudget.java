package io.siocluster.core.codec.internal;

import io.siocluster.core.codec.DecodeLimits;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.MessageDecodeException.Reason;

/** Counts what one decode has built so far against the {@link DecodeLimits}. Not thread-safe: one per decode. */
final class DecodeBudget {

    private final DecodeLimits limits;
    private long values;

    DecodeBudget(DecodeLimits limits) {
        this.limits = limits;
    }

    void spend(long count) throws MessageDecodeException {
        values += count;
        if (values > limits.maxValues()) {
            throw tooMany();
        }
    }

    /** Refuses a container announcing more elements than the budget has left, before it is allocated. */
    void checkRoom(long count) throws MessageDecodeException {
        if (values + count > limits.maxValues()) {
            throw tooMany();
        }
    }

    void enter(int depth) throws MessageDecodeException {
        if (depth > limits.maxNestingDepth()) {
            throw new MessageDecodeException(Reason.LIMIT_EXCEEDED, "nested deeper than " + limits.maxNestingDepth() + " levels");
        }
    }

    private MessageDecodeException tooMany() {
        return new MessageDecodeException(Reason.LIMIT_EXCEEDED, "more than " + limits.maxValues() + " values");
    }
}
