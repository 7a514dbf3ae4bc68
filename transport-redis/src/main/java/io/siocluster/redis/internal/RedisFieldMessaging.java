package io.siocluster.redis.internal;

import io.siocluster.spi.error.PayloadTooLargeException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * The field facet: an entry of the caller's fields ({@code XADD key MAXLEN ~ n * f1 v1 f2 v2 ...}) on the stream
 * {@code keyPrefix + stream}, read by the same reader, resumed the same way. Names and sizes are checked as for text.
 */
final class RedisFieldMessaging implements FieldMessaging {

    private final Settings settings;
    private final MessagingLimits limits;
    private final Publisher publisher;
    private final StreamReader reader;
    private final Executor control;
    private final BooleanSupplier closed;

    RedisFieldMessaging(Settings settings, MessagingLimits limits, Publisher publisher, StreamReader reader,
            Executor control, BooleanSupplier closed) {
        this.settings = settings;
        this.limits = limits;
        this.publisher = publisher;
        this.reader = reader;
        this.control = control;
        this.closed = closed;
    }

    @Override
    public CompletionStage<Void> publish(String stream, Map<String, String> fields) {
        if (closed.getAsBoolean()) {
            return CompletableFuture.failedFuture(closedException());
        }
        Map<String, String> copy = new LinkedHashMap<>(fields); // the caller may change its map afterwards
        long bytes = 0;
        long chars = 0;
        try {
            settings.keys().check(stream, limits);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("a stream entry needs at least one field");
            }
            for (Map.Entry<String, String> field : copy.entrySet()) {
                bytes += MessagingLimits.utf8Length(field.getKey()) + MessagingLimits.utf8Length(field.getValue());
                chars += field.getKey().length() + field.getValue().length();
            }
            if (bytes > limits.maxPayloadBytes()) {
                throw new PayloadTooLargeException((int) Math.min(Integer.MAX_VALUE, bytes), limits.maxPayloadBytes());
            }
        } catch (TransportException | IllegalArgumentException | NullPointerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publisher.publishFields(settings.keys().key(stream), copy, chars);
    }

    @Override
    public Subscription subscribe(String stream, FieldListener listener) {
        if (closed.getAsBoolean()) {
            throw closedException();
        }
        settings.keys().check(stream, limits);
        RedisSubscription subscription = new RedisSubscription(stream, listener, this::unsubscribe);
        try {
            control.execute(() -> reader.subscribe(subscription));
        } catch (RejectedExecutionException e) {
            throw closedException();
        }
        return subscription;
    }

    private void unsubscribe(RedisSubscription subscription) {
        try {
            control.execute(() -> reader.unsubscribe(subscription));
        } catch (RejectedExecutionException e) {
            // closed: every subscription is gone already
        }
    }

    private TransportClosedException closedException() {
        return new TransportClosedException("Redis transport " + settings.instanceName());
    }
}
