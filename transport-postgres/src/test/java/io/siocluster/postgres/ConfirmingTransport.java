package io.siocluster.postgres;

import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.DeliveryGuarantee;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import io.siocluster.spi.metrics.TransportMetrics;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sender's transport that notes which numbered test broadcasts ({@code ["m", n]}) PostgreSQL confirmed, so
 * a test can tell a message the bus lost (confirmed, never received) from one never published (the sender's
 * own outage: it knew).
 */
final class ConfirmingTransport implements Transport {

    private static final Pattern NUMBER = Pattern.compile("\\[\"m\",(\\d+)]");

    private final Transport delegate;
    private final Set<Integer> confirmed = ConcurrentHashMap.newKeySet();
    private final Messaging messaging;

    ConfirmingTransport(Transport delegate) {
        this.delegate = delegate;
        Messaging inner = delegate.messaging();
        this.messaging = new Messaging() {
            @Override
            public MessagingLimits limits() {
                return inner.limits();
            }

            @Override
            public DeliveryGuarantee deliveryGuarantee() {
                return inner.deliveryGuarantee();
            }

            @Override
            public CompletionStage<Void> publish(String channel, String payload) {
                Matcher m = NUMBER.matcher(payload);
                Integer n = m.find() ? Integer.valueOf(m.group(1)) : null;
                return inner.publish(channel, payload).whenComplete((ok, failure) -> {
                    if (failure == null && n != null) {
                        confirmed.add(n);
                    }
                });
            }

            @Override
            public Subscription subscribe(String channel, MessageListener listener) {
                return inner.subscribe(channel, listener);
            }
        };
    }

    Set<Integer> confirmed() {
        return Set.copyOf(confirmed);
    }

    @Override
    public String providerName() {
        return delegate.providerName();
    }

    @Override
    public Messaging messaging() {
        return messaging;
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return delegate.blobStore();
    }

    @Override
    public Liveness liveness() {
        return delegate.liveness();
    }

    @Override
    public Optional<TransportMetrics> metrics() {
        return delegate.metrics();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
