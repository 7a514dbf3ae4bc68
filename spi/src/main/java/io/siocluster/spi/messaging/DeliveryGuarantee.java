package io.siocluster.spi.messaging;

/**
 * What a transport promises about messages published while one of its nodes is disconnected. Declared by
 * {@link Messaging#deliveryGuarantee()}; the TCK's liveness rule L4 checks the declared one.
 */
public enum DeliveryGuarantee {

    /**
     * Messages published while this node is disconnected are lost for it (PostgreSQL {@code NOTIFY}).
     * Every reconnect is reported as {@link io.siocluster.spi.liveness.LivenessEvent#UP_AFTER_GAP}.
     */
    AT_MOST_ONCE,

    /**
     * After a reconnect the node resumes where it stopped: what was published meanwhile and the bus still
     * holds is delivered, each message exactly once and in per-publisher order, before anything published
     * later (Redis Streams, from the last entry id read). A reconnect that lost nothing is reported as
     * {@link io.siocluster.spi.liveness.LivenessEvent#UP}; one after which some messages were no longer held
     * (trimmed, or the bus restarted without them) as
     * {@link io.siocluster.spi.liveness.LivenessEvent#UP_AFTER_GAP}.
     */
    RESUMES_IN_ORDER
}
