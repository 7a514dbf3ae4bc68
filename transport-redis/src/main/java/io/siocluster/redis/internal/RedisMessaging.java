package io.siocluster.redis.internal;

import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.messaging.DeliveryGuarantee;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.PubSubMessaging;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/** The messaging facet: checks names and sizes, then hands publishes to the publisher and subscriptions to the reader. */
final class RedisMessaging implements Messaging {

    private final Settings settings;
    private final MessagingLimits limits;
    private final Publisher publisher;
    private final ReaderSubscriptions subscriptions;
    private final Optional<FieldMessaging> fields;

    private final Optional<PubSubMessaging> pubSub;

    RedisMessaging(Settings settings, Publisher publisher, StreamReader reader, Executor control, BooleanSupplier closed,
            Optional<PubSubMessaging> pubSub) {
        this.settings = settings;
        this.limits = new MessagingLimits(settings.maxPayloadBytes(), settings.keys().maxChannelBytes());
        this.publisher = publisher;
        this.subscriptions = new ReaderSubscriptions(settings, limits, reader, control, closed);
        this.fields = Optional.of(new RedisFieldMessaging(settings, limits, publisher, subscriptions));
        this.pubSub = pubSub;
    }

    /** Redis pub/sub: what Node's redis-streams adapter sends requests and responses with (standalone Redis only). */
    @Override
    public Optional<PubSubMessaging> pubSub() {
        return pubSub;
    }

    /** Entries of any fields on a stream: what Node's redis-streams adapter writes and reads. */
    @Override
    public Optional<FieldMessaging> fields() {
        return fields;
    }

    @Override
    public MessagingLimits limits() {
        return limits;
    }

    /** A stream keeps what a disconnected node has not read, and the node reads on from its last id. */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.RESUMES_IN_ORDER;
    }

    @Override
    public CompletionStage<Void> publish(String channel, String payload) {
        if (subscriptions.isClosed()) {
            return CompletableFuture.failedFuture(subscriptions.closedException());
        }
        try {
            settings.keys().check(channel, limits);
            limits.checkPayload(payload);
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publisher.publish(settings.keys().key(channel), payload);
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        return subscriptions.open(channel, onClose -> new RedisSubscription(channel, listener, onClose));
    }
}
