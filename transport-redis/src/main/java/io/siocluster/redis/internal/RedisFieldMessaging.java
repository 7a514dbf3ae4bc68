package io.siocluster.redis.internal;

import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The field facet: an entry of the caller's fields ({@code XADD key MAXLEN ~ n * f1 v1 f2 v2 ...}) on the stream
 * {@code keyPrefix + stream}, read by the same reader, resumed the same way. Names and sizes are checked as for text.
 */
final class RedisFieldMessaging implements FieldMessaging {

    private final Settings settings;
    private final MessagingLimits limits;
    private final Publisher publisher;
    private final ReaderSubscriptions subscriptions;

    RedisFieldMessaging(Settings settings, MessagingLimits limits, Publisher publisher, ReaderSubscriptions subscriptions) {
        this.settings = settings;
        this.limits = limits;
        this.publisher = publisher;
        this.subscriptions = subscriptions;
    }

    @Override
    public CompletionStage<Void> publish(String stream, Map<String, String> fields) {
        if (subscriptions.isClosed()) {
            return CompletableFuture.failedFuture(subscriptions.closedException());
        }
        Map<String, String> copy;
        long chars = 0;
        try {
            copy = new LinkedHashMap<>(fields); // the caller may change its map afterwards
            settings.keys().check(stream, limits);
            limits.checkEntry(copy);
            for (Map.Entry<String, String> field : copy.entrySet()) {
                chars += field.getKey().length() + field.getValue().length();
            }
        } catch (TransportException | IllegalArgumentException | NullPointerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publisher.publishFields(settings.keys().key(stream), copy, chars);
    }

    @Override
    public Subscription subscribe(String stream, FieldListener listener) {
        return subscriptions.open(stream, onClose -> new RedisSubscription(stream, listener, onClose));
    }
}
