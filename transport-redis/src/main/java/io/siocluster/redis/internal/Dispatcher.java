package io.siocluster.redis.internal;

import io.siocluster.spi.support.NamedThreads;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that calls listeners (messages, liveness events, publish completions), in the order they were handed
 * over, each task in the dispatcher's <em>turn</em> (a lock it holds while a task runs). A read batch is first
 * offered in place, on the thread that read it (a Lettuce thread, or the control thread), when nothing is queued
 * here and the turn is free: listeners that take an offer ({@code MessageListener.offer},
 * {@code FieldListener.offerEntry}) never wait, so an I/O thread may call them, and the batch costs no hand-off and
 * no wake-up. At the first refusal (a listener that cannot tell, or a node that is full) the rest of the batch is
 * queued here, where listeners may wait. The read batches
 * queued and not yet delivered are counted, so the reader stops reading, rather than buffering without bound, when
 * listeners are slower than the stream: entries wait in Redis meanwhile.
 */
final class Dispatcher implements java.util.concurrent.Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ReentrantLock turn = new ReentrantLock();
    /** Tasks handed to the thread and not yet finished: a batch is offered in place only at 0. */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicInteger pendingBatches = new AtomicInteger();
    private final ThreadPoolExecutor thread;

    Dispatcher(String instanceName) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                NamedThreads.single(instanceName, "dispatcher")) {
            @Override
            protected void beforeExecute(Thread worker, Runnable task) {
                turn.lock();
            }

            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                unfinished.decrementAndGet(); // still in the turn: whoever sees 0 in the turn has nothing to overtake
                turn.unlock();
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            unfinished.decrementAndGet();
            throw e;
        }
    }

    int pendingBatches() {
        return pendingBatches.get();
    }

    /**
     * Delivers one read batch: in place as far as listeners take it, the rest on this thread; {@code afterwards}
     * runs once it is delivered (on this thread, or in place when all of it was).
     */
    void deliver(List<Delivery> batch, Runnable afterwards) {
        Position from = offerInPlace(batch);
        if (from == null) {
            afterwards.run();
            return;
        }
        pendingBatches.incrementAndGet();
        try {
            execute(() -> {
                handFrom(batch, from, false);
                pendingBatches.decrementAndGet();
                afterwards.run();
            });
        } catch (RejectedExecutionException e) {
            pendingBatches.decrementAndGet(); // closing
        }
    }

    /** Where in a batch delivery goes on: an entry, and the first of its subscriptions still to be given it. */
    private record Position(int entry, int subscription) {
    }

    private static final Position WHOLE_BATCH = new Position(0, 0);

    /** Offers the batch in place when nothing waits here and the turn is free; null when all of it was taken. */
    private @Nullable Position offerInPlace(List<Delivery> batch) {
        // never nested in a delivery of this dispatcher's (the lock is reentrant): it could overtake that batch's rest
        if (unfinished.get() != 0 || turn.isHeldByCurrentThread() || thread.isShutdown() || !turn.tryLock()) {
            return WHOLE_BATCH;
        }
        try {
            if (unfinished.get() != 0) {
                return WHOLE_BATCH; // queued since the first look: it goes first
            }
            return handFrom(batch, WHOLE_BATCH, true);
        } finally {
            turn.unlock();
        }
    }

    /**
     * Hands the batch from {@code from} on, offered in place ({@code offer}) or delivered on this thread; the position
     * of the first offer refused, or null when all of it was handed (always, when delivered).
     */
    private static @Nullable Position handFrom(List<Delivery> batch, Position from, boolean offer) {
        for (int i = from.entry(); i < batch.size(); i++) {
            Delivery delivery = batch.get(i);
            List<RedisSubscription> subscriptions = delivery.subscriptions();
            for (int j = i == from.entry() ? from.subscription() : 0; j < subscriptions.size(); j++) {
                if (!hand(subscriptions.get(j), delivery, offer)) {
                    return new Position(i, j);
                }
            }
        }
        return null;
    }

    /**
     * Gives one subscription its entry: offered ({@code offer}, in place) or delivered (on this thread). False only
     * for an offer refused; true when the subscription is done with it (taken, nothing for it, closed, or its
     * listener threw).
     */
    private static boolean hand(RedisSubscription subscription, Delivery delivery, boolean offer) {
        if (subscription.isClosed()) {
            return true;
        }
        try {
            if (subscription.fieldListener != null) {
                if (offer) {
                    return subscription.fieldListener.offerEntry(delivery.channel(), delivery.fields());
                }
                subscription.fieldListener.onEntry(delivery.channel(), delivery.fields());
            } else if (delivery.payload() != null && subscription.listener != null) {
                if (offer) {
                    return subscription.listener.offer(delivery.channel(), delivery.payload());
                }
                subscription.listener.onMessage(delivery.channel(), delivery.payload());
            }
        } catch (RuntimeException e) {
            LOG.warn("listener on channel {} failed; later messages are still delivered", delivery.channel(), e);
        }
        return true;
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
    record Delivery(String channel, @Nullable String payload, java.util.Map<String, String> fields,
            List<RedisSubscription> subscriptions) {
    }
}
