package io.siocluster.spi.metrics;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link TransportMetrics} for a transport with one publish queue drained in batches: its publisher calls
 * {@link #batchSent(int)} after each batch the bus accepted; the depth is the queue's size. Thread-safe.
 */
public final class PublishCounters implements TransportMetrics {

    private final Collection<?> queue;
    private final LongAdder batches = new LongAdder();
    private final LongAdder messages = new LongAdder();

    /** @param queue the publishes waiting, a concurrent collection whose {@code size()} is cheap */
    public PublishCounters(Collection<?> queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** A batch of {@code size} messages reached the bus. */
    public void batchSent(int size) {
        batches.increment();
        messages.add(size);
    }

    @Override
    public long queueDepth() {
        return queue.size();
    }

    @Override
    public long batchesPublished() {
        return batches.sum();
    }

    @Override
    public long messagesPublished() {
        return messages.sum();
    }
}
