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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's transport, tapped: on the sender's side it notes which numbered test broadcasts ({@code ["m", n]})
 * PostgreSQL confirmed, so a test can tell a message the bus lost (confirmed, never received) from one never
 * published (the sender's own outage: it knew), and the sender's uid; on the receiver's side, the message
 * numbers ({@code "seq"}) that reached the node from each uid, whatever their type (heartbeats included).
 */
final class ConfirmingTransport implements Transport {

    private static final Pattern NUMBER = Pattern.compile("\\[\"m\",(\\d+)]");
    private static final Pattern UID = Pattern.compile("\"uid\":\"([^\"]+)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final Transport delegate;
    private final Set<Integer> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> senders = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Long>> receivedSeqs = new ConcurrentHashMap<>();
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
                Matcher uid = UID.matcher(payload);
                if (uid.find()) {
                    senders.add(uid.group(1));
                }
                return inner.publish(channel, payload).whenComplete((ok, failure) -> {
                    if (failure == null && n != null) {
                        confirmed.add(n);
                    }
                });
            }

            @Override
            public Subscription subscribe(String channel, MessageListener listener) {
                return inner.subscribe(channel, (c, payload) -> {
                    Matcher uid = UID.matcher(payload);
                    Matcher seq = SEQ.matcher(payload);
                    if (uid.find() && seq.find()) {
                        receivedSeqs.computeIfAbsent(uid.group(1), u -> ConcurrentHashMap.newKeySet())
                                .add(Long.parseLong(seq.group(1)));
                    }
                    listener.onMessage(c, payload);
                });
            }
        };
    }

    /** The uids this node published under. */
    Set<String> senders() {
        return Set.copyOf(senders);
    }

    /** The numbers of {@code uid}'s messages that reached this node (each once, however often it came). */
    Set<Long> receivedSeqs(String uid) {
        return Set.copyOf(receivedSeqs.getOrDefault(uid, Set.of()));
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
