package io.siocluster.postgres.internal;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.DeliveryGuarantee;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The messaging facet: checks input before anything reaches PostgreSQL (a bad channel name or payload
 * fails the call, never a batch that holds other callers' messages), then hands publishes to the
 * {@link Publisher} and subscriptions to the {@link ChannelRegistry}.
 */
final class PgMessaging implements Messaging {

    private final String channelPrefix;
    private final MessagingLimits limits;
    private final ChannelRegistry registry;
    private final Publisher publisher;
    private final Listener listener;
    private final String description;
    private final boolean replay;
    private volatile boolean closed;

    PgMessaging(Settings settings, ChannelRegistry registry, Publisher publisher, Listener listener, String description) {
        this.channelPrefix = settings.channelPrefix();
        this.replay = settings.replay();
        this.limits = Identifiers.limitsWithPrefix(channelPrefix);
        this.registry = registry;
        this.publisher = publisher;
        this.listener = listener;
        this.description = description;
    }

    @Override
    public MessagingLimits limits() {
        return limits;
    }

    /** Resuming with replay on (within its window), else NOTIFY's at most once. */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return replay ? DeliveryGuarantee.RESUMES_IN_ORDER : DeliveryGuarantee.AT_MOST_ONCE;
    }

    @Override
    public CompletionStage<Void> publish(String channel, String payload) {
        try {
            checkOpen();
            checkChannel(channel);
            limits.checkPayload(payload);
            if (payload.indexOf('\0') >= 0) {
                throw new NonTransientTransportException("payload contains U+0000, which PostgreSQL text cannot hold");
            }
            if (!listener.acceptsPublishes()) {
                throw new TransportUnavailableException(description + " is disconnected from PostgreSQL;"
                        + " the message was not published (liveness reports when it is back)");
            }
            return publisher.submit(channelPrefix + channel, payload);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        checkOpen();
        checkChannel(channel);
        PgSubscription subscription = new PgSubscription(channel, channelPrefix + channel, listener, registry);
        registry.add(subscription);
        return subscription;
    }

    private void checkChannel(String channel) {
        limits.checkChannel(channel);
        if (channel.indexOf('\0') >= 0) {
            throw new InvalidChannelNameException("channel name contains U+0000, which PostgreSQL cannot carry");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TransportClosedException(description);
        }
    }

    void close() {
        closed = true;
    }
}
