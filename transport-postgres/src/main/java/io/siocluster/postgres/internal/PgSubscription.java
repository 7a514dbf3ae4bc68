package io.siocluster.postgres.internal;

import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One listener on one channel. Ready once the listener thread has run LISTEN for its channel. */
final class PgSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(PgSubscription.class);

    private final String channel;
    private final String wireChannel;
    private final MessageListener listener;
    private final ChannelRegistry registry;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean active = new AtomicBoolean(true);

    PgSubscription(String channel, String wireChannel, MessageListener listener, ChannelRegistry registry) {
        this.channel = channel;
        this.wireChannel = wireChannel;
        this.listener = listener;
        this.registry = registry;
    }

    @Override
    public String channel() {
        return channel;
    }

    String wireChannel() {
        return wireChannel;
    }

    boolean isActive() {
        return active.get();
    }

    @Override
    public CompletionStage<Void> ready() {
        return ready;
    }

    void markReady() {
        ready.complete(null);
    }

    /** As dispatcher work, one delivery at a time (see {@link Dispatcher}). */
    void deliver(String payload) {
        if (!active.get()) {
            return;
        }
        try {
            listener.onMessage(channel, payload);
        } catch (RuntimeException e) {
            LOG.warn("listener on channel '{}' failed; later messages are still delivered", channel, e);
        }
    }

    @Override
    public void close() {
        if (active.compareAndSet(true, false)) {
            registry.remove(this);
            ready.completeExceptionally(new TransportClosedException("subscription to '" + channel + "'"));
        }
    }
}
