package io.siocluster.redis.internal;

import io.siocluster.spi.support.NamedThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that calls listeners (messages, liveness events, publish completions), in the order they were
 * handed over. It counts the read batches not yet delivered, so the reader stops reading, rather than
 * buffering without bound, when listeners are slower than the stream: entries wait in Redis meanwhile.
 */
final class Dispatcher implements java.util.concurrent.Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ExecutorService thread;
    private final AtomicInteger pendingBatches = new AtomicInteger();

    Dispatcher(String instanceName) {
        this.thread = Executors.newSingleThreadExecutor(NamedThreads.single(instanceName, "dispatcher"));
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    int pendingBatches() {
        return pendingBatches.get();
    }

    /** Delivers one read batch; {@code afterwards} runs on this thread once it is delivered. */
    void deliver(List<Delivery> batch, Runnable afterwards) {
        pendingBatches.incrementAndGet();
        try {
            thread.execute(() -> {
                for (Delivery delivery : batch) {
                    for (RedisSubscription subscription : delivery.subscriptions()) {
                        if (subscription.isClosed()) {
                            continue;
                        }
                        try {
                            if (subscription.fieldListener != null) {
                                subscription.fieldListener.onEntry(delivery.channel(), delivery.fields());
                            } else if (delivery.payload() != null && subscription.listener != null) {
                                subscription.listener.onMessage(delivery.channel(), delivery.payload());
                            }
                        } catch (RuntimeException e) {
                            LOG.warn("listener on channel {} failed; later messages are still delivered", delivery.channel(), e);
                        }
                    }
                }
                pendingBatches.decrementAndGet();
                afterwards.run();
            });
        } catch (RejectedExecutionException e) {
            pendingBatches.decrementAndGet(); // closing
        }
    }

    void shutdown() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One entry for the subscriptions of its channel at the time it was read: its fields, and its {@code payload}
     * when it is a text message (null otherwise: text subscriptions skip it).
     */
    record Delivery(String channel, @org.jspecify.annotations.Nullable String payload, java.util.Map<String, String> fields,
            List<RedisSubscription> subscriptions) {
    }
}
