package io.siocluster.redis.internal;

import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands the subscriptions of both facets (text and fields) to the one stream reader, on the transport's control
 * thread, so the reader's set of streams changes only there; refuses them once the transport is closed.
 */
final class ReaderSubscriptions {

    private final Settings settings;
    private final MessagingLimits limits;
    private final StreamReader reader;
    private final Executor control;
    private final BooleanSupplier closed;

    ReaderSubscriptions(Settings settings, MessagingLimits limits, StreamReader reader, Executor control,
            BooleanSupplier closed) {
        this.settings = settings;
        this.limits = limits;
        this.reader = reader;
        this.control = control;
        this.closed = closed;
    }

    /**
     * @param create makes the subscription, given what its {@code close()} must call
     * @throws TransportClosedException after the transport closed
     */
    Subscription open(String stream, Function<Consumer<RedisSubscription>, RedisSubscription> create) {
        if (closed.getAsBoolean()) {
            throw closedException();
        }
        settings.keys().check(stream, limits);
        RedisSubscription subscription = create.apply(this::unsubscribe);
        try {
            control.execute(() -> reader.subscribe(subscription));
        } catch (RejectedExecutionException e) {
            throw closedException();
        }
        return subscription;
    }

    boolean isClosed() {
        return closed.getAsBoolean();
    }

    TransportClosedException closedException() {
        return new TransportClosedException("Redis transport " + settings.instanceName());
    }

    private void unsubscribe(RedisSubscription subscription) {
        try {
            control.execute(() -> reader.unsubscribe(subscription));
        } catch (RejectedExecutionException e) {
            // closed: every subscription is gone already
        }
    }
}
