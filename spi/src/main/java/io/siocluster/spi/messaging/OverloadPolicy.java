package io.siocluster.spi.messaging;

/**
 * What a bounded outbound queue does with a new message when it is full. Neither choice ever makes the caller
 * wait: publishers are often Netty event loops, which must not block. (Inbound, the choice is always
 * backpressure: the bus keeps what a node has no room for yet.)
 */
public enum OverloadPolicy {

    /**
     * The new message is refused: its publish fails at once with a
     * {@link io.siocluster.spi.error.TransportUnavailableException} (transient, "retry later"). What waits
     * already keeps its place, so what was accepted goes out in order.
     */
    REJECT,

    /**
     * The oldest message still waiting is dropped (its publish fails with a
     * {@link io.siocluster.spi.error.TransportUnavailableException}) and the new one takes a place: fresh
     * news over stale, for real-time traffic where an old update is worth less than a new one.
     */
    DROP_OLDEST
}
