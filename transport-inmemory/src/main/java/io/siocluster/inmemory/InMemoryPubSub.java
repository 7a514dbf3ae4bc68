package io.siocluster.inmemory;

import io.siocluster.inmemory.internal.PubSubTable;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.messaging.Subscription;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-memory node's pub/sub facet: delivered on the node's dispatch thread like its other messages, lost for it
 * while it is cut off (a simulated outage), when it neither counts as a listener nor may publish.
 */
final class InMemoryPubSub implements PubSubMessaging {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryPubSub.class);

    private final Object owner;
    private final PubSubTable table;
    private final MessagingLimits limits;
    private final BooleanSupplier up;
    private final Executor dispatcher;
    private final BooleanSupplier closed;
    private final Set<BytesSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    InMemoryPubSub(Object owner, PubSubTable table, MessagingLimits limits, BooleanSupplier up, Executor dispatcher,
            BooleanSupplier closed) {
        this.owner = owner;
        this.table = table;
        this.limits = limits;
        this.up = up;
        this.dispatcher = dispatcher;
        this.closed = closed;
    }

    @Override
    public CompletionStage<Void> publish(String channel, byte[] payload) {
        return attempt(() -> {
            limits.checkChannel(channel);
            if (payload.length > limits.maxPayloadBytes()) {
                throw new io.siocluster.spi.error.PayloadTooLargeException(payload.length, limits.maxPayloadBytes());
            }
            table.publish(channel, payload);
            return null;
        });
    }

    @Override
    public Subscription subscribe(String channel, BytesListener listener) {
        checkOpen();
        limits.checkChannel(channel);
        BytesSubscription subscription = new BytesSubscription(channel, listener);
        subscriptions.add(subscription);
        table.add(channel, subscription);
        if (up.getAsBoolean()) {
            subscription.ready.complete(null);
        }
        return subscription;
    }

    @Override
    public CompletionStage<Long> subscriberCount(String channel) {
        return attempt(() -> {
            limits.checkChannel(channel);
            return table.listeners(channel);
        });
    }

    /** The node is back on the bus: its subscriptions listen again. */
    void reconnected() {
        subscriptions.forEach(subscription -> subscription.ready.complete(null));
    }

    void closeAll() {
        subscriptions.forEach(BytesSubscription::close);
    }

    private <T> CompletionStage<T> attempt(Supplier<T> action) {
        try {
            checkOpen();
            if (!up.getAsBoolean()) {
                throw new TransportUnavailableException(owner + " is disconnected from the bus");
            }
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void checkOpen() {
        if (closed.getAsBoolean()) {
            throw new TransportClosedException(owner.toString());
        }
    }

    private final class BytesSubscription implements Subscription, PubSubTable.Route {
        private final String channel;
        private final BytesListener listener;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile boolean active = true;

        BytesSubscription(String channel, BytesListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public String channel() {
            return channel;
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready.copy();
        }

        @Override
        public Object owner() {
            return owner;
        }

        @Override
        public boolean listening() {
            return active && up.getAsBoolean();
        }

        @Override
        public void offer(String channel, byte[] payload) {
            try {
                dispatcher.execute(() -> {
                    if (!active) {
                        return;
                    }
                    try {
                        listener.onMessage(channel, payload);
                    } catch (RuntimeException e) {
                        LOG.warn("pub/sub listener on channel '{}' of {} failed", channel, owner, e);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("pub/sub message dropped: {} is closing", owner);
            }
        }

        @Override
        public void close() {
            if (!active) {
                return;
            }
            active = false;
            table.remove(channel, this);
            subscriptions.remove(this);
            ready.completeExceptionally(new TransportClosedException("pub/sub subscription to '" + channel + "'"));
        }
    }
}
