package io.siocluster.inmemory;

import io.siocluster.inmemory.internal.Router;
import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.messaging.Subscription;
import io.siocluster.spi.support.LivenessTracker;
import io.siocluster.spi.support.NamedThreads;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node on an {@link InMemoryBus}. Delivery to its listeners runs on one thread of its own, so a
 * publisher's messages arrive in order and listeners never run on the publisher's thread. It has every optional
 * facet: a blob store, pub/sub and stream entries of named fields (so the wire format of Node's Redis adapter runs
 * on it without Redis).
 *
 * <p>The fault hook {@link #simulateOutage()} cuts this node off the bus as a dropped database connection
 * would: liveness reports DOWN, messages published meanwhile are lost for it, its own publishes fail with
 * a transient error, and when the outage ends liveness reports UP_AFTER_GAP.
 */
public final class InMemoryTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryTransport.class);

    private final InMemoryBus bus;
    private final String name;
    private final ScheduledExecutorService dispatcher;
    private final LivenessTracker liveness;
    private final Set<InMemorySubscription<?>> subscriptions = ConcurrentHashMap.newKeySet();
    private final Messaging messaging = new BusMessaging();
    private final FieldMessaging fields = new BusFields();
    private final BlobStore blobStore = new BusBlobStore();
    private final InMemoryPubSub pubSub;
    private volatile boolean closed;

    InMemoryTransport(InMemoryBus bus, String name) {
        this.bus = bus;
        this.name = name;
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(NamedThreads.single(name, "dispatch"));
        this.liveness = new LivenessTracker(dispatcher, (listener, event, failure) ->
                LOG.warn("liveness listener {} of {} failed on {}", listener, this, event, failure));
        this.pubSub = new InMemoryPubSub(this, bus.pubSub(), bus.limits(), liveness::isUp, dispatcher, () -> closed);
        liveness.connected();
    }

    @Override
    public String providerName() {
        return InMemoryTransportProvider.NAME;
    }

    @Override
    public Messaging messaging() {
        return messaging;
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(blobStore);
    }

    @Override
    public Liveness liveness() {
        return liveness;
    }

    /**
     * Cuts this node off the bus until the returned handle is closed. Closing the handle (once) restores
     * the connection; subscriptions come back by themselves.
     */
    public Outage simulateOutage() {
        checkOpen();
        liveness.disconnected();
        return new Outage();
    }

    /** Cuts this node off the bus for {@code duration}, then restores it. */
    public void simulateOutage(Duration duration) {
        Outage outage = simulateOutage();
        dispatcher.schedule(outage::close, duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** An ongoing simulated outage; {@link #close()} ends it. */
    public final class Outage implements AutoCloseable {
        private Outage() {
        }

        @Override
        public void close() {
            if (!closed && liveness.connected()) {
                subscriptions.forEach(InMemorySubscription::markReady);
                pubSub.reconnected();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        liveness.closed();
        subscriptions.forEach(InMemorySubscription::close);
        pubSub.closeAll();
        dispatcher.shutdownNow();
        if (!Thread.currentThread().getName().equals("sio-" + name + "-dispatch")) {
            try {
                dispatcher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + name + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new TransportClosedException(toString());
        }
    }

    /** A publish while cut off fails, transiently. */
    private void checkConnected() {
        if (!liveness.isUp()) {
            throw new TransportUnavailableException(this + " is disconnected from the bus");
        }
    }

    /** Runs {@code action} unless closed, turning a synchronous failure into a failed stage. */
    private <T> CompletionStage<T> attempt(Supplier<T> action) {
        try {
            checkOpen();
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private final class BusMessaging implements Messaging {

        @Override
        public MessagingLimits limits() {
            return bus.limits();
        }

        /** Entries of named fields on streams of their own (a Redis stream's model). */
        @Override
        public Optional<FieldMessaging> fields() {
            return Optional.of(fields);
        }

        /** Bytes on channels of their own, with a listener count (Redis pub/sub's model). */
        @Override
        public Optional<PubSubMessaging> pubSub() {
            return Optional.of(pubSub);
        }

        @Override
        public CompletionStage<Void> publish(String channel, String payload) {
            return attempt(() -> {
                limits().checkChannel(channel);
                limits().checkPayload(payload);
                checkConnected();
                bus.router().publish(channel, payload);
                return null;
            });
        }

        @Override
        public Subscription subscribe(String channel, MessageListener listener) {
            return open(bus.router(), channel, listener::onMessage);
        }
    }

    /**
     * The field facet: an entry (an unmodifiable copy of the caller's fields, in their order) goes through the bus
     * like a text, on the bus's table of streams; its names and values together are held to {@code maxPayloadBytes}.
     */
    private final class BusFields implements FieldMessaging {

        @Override
        public CompletionStage<Void> publish(String stream, Map<String, String> entry) {
            return attempt(() -> {
                bus.limits().checkChannel(stream);
                Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(entry));
                bus.limits().checkEntry(copy);
                checkConnected();
                bus.streams().publish(stream, copy);
                return null;
            });
        }

        @Override
        public Subscription subscribe(String stream, FieldListener listener) {
            return open(bus.streams(), stream, listener::onEntry);
        }
    }

    /** A subscription on one of the bus's tables, ready at once unless this node is cut off. */
    private <M> Subscription open(Router<M> table, String channel, BiConsumer<String, M> listener) {
        checkOpen();
        bus.limits().checkChannel(channel);
        InMemorySubscription<M> subscription = new InMemorySubscription<>(table, channel, listener);
        subscriptions.add(subscription);
        table.add(channel, subscription);
        if (liveness.isUp()) {
            subscription.markReady();
        }
        return subscription;
    }

    private final class BusBlobStore implements BlobStore {

        @Override
        public CompletionStage<String> put(byte[] bytes) {
            return attempt(() -> bus.blobs().put(bytes));
        }

        @Override
        public CompletionStage<Optional<byte[]>> get(String id) {
            return attempt(() -> bus.blobs().get(id));
        }

        @Override
        public CompletionStage<Long> purgeOlderThan(Duration age) {
            return attempt(() -> bus.blobs().purgeOlderThan(age));
        }
    }

    private final class InMemorySubscription<M> implements Subscription, Router.Route<M> {
        private final Router<M> table;
        private final String channel;
        private final BiConsumer<String, M> listener;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile boolean active = true;

        InMemorySubscription(Router<M> table, String channel, BiConsumer<String, M> listener) {
            this.table = table;
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public String channel() {
            return channel;
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready;
        }

        void markReady() {
            ready.complete(null);
        }

        @Override
        public void offer(String channel, M message) {
            if (!active || !liveness.isUp()) {
                return; // lost for this node, as a notification is while its listener connection is down
            }
            try {
                dispatcher.execute(() -> deliver(channel, message));
            } catch (RejectedExecutionException e) {
                LOG.debug("message dropped: {} is closing", InMemoryTransport.this);
            }
        }

        private void deliver(String channel, M message) {
            if (!active) {
                return;
            }
            try {
                listener.accept(channel, message);
            } catch (RuntimeException e) {
                LOG.warn("listener on channel '{}' of {} failed", channel, InMemoryTransport.this, e);
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
            ready.completeExceptionally(new TransportClosedException("subscription to '" + channel + "'"));
        }
    }
}
