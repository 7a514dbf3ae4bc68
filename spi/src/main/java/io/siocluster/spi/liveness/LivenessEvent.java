package io.siocluster.spi.liveness;

/** A change of the transport's connection to its bus. */
public enum LivenessEvent {
    /**
     * Connected for the first time: subscriptions are live. A transport that
     * {@linkplain io.siocluster.spi.messaging.DeliveryGuarantee#RESUMES_IN_ORDER resumes} also reports UP after
     * {@link #DOWN} when it lost nothing: what was published meanwhile is being delivered.
     */
    UP,
    /** Connection lost: messages published now are not delivered to this instance and it cannot publish. */
    DOWN,
    /**
     * Connected again after {@link #DOWN}; every subscription is live again, but messages published during
     * the gap were lost for this instance (all of them, or for a resuming transport those the bus no longer
     * held). Users resynchronise (the cluster re-announces the node). A resuming transport also reports it while
     * up, without a DOWN before it, when the bus dropped messages this node had not read yet (it fell further
     * behind than the bus keeps, e.g. a Redis stream's {@code MAXLEN}).
     */
    UP_AFTER_GAP
}
