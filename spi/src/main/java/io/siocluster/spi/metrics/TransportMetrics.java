package io.siocluster.spi.metrics;

/**
 * What a transport's publisher is doing, for monitoring: how much waits to be sent and how the sent messages were
 * batched (the mean batch size is {@link #messagesPublished()} / {@link #batchesPublished()}). Thread-safe; every
 * call is cheap (a counter or a queue's size) and never throws. Totals only increase.
 */
public interface TransportMetrics {

    /** Publishes accepted and not yet sent to the bus, now. */
    long queueDepth();

    /** Batches (statements or pipelined flushes) the transport sent to the bus successfully. */
    long batchesPublished();

    /** Messages in those batches. */
    long messagesPublished();
}
