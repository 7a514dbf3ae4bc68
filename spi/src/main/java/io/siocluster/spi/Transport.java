package io.siocluster.spi;

import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.metrics.TransportMetrics;
import java.util.Optional;

/**
 * One node's connection to a message bus, with its three facets (the blob store is optional). Thread-safe. Created by a
 * {@link TransportProvider}, usually through {@link Transports#create(TransportOptions)}.
 */
public interface Transport extends AutoCloseable {

    /** The name of the provider that made it, e.g. {@code "postgres"}. */
    String providerName();

    Messaging messaging();

    /**
     * The blob store, or empty when the transport has none. Without one, its users send every message inline,
     * large and binary ones included, so such a transport declares a large
     * {@link io.siocluster.spi.messaging.MessagingLimits#maxPayloadBytes()} (the Redis transport: 16 MiB), and a
     * message over it fails with {@link io.siocluster.spi.error.PayloadTooLargeException}. Constant for the
     * life of the transport. The TCK's blob store rules are skipped, with that reason, when it is empty.
     */
    Optional<BlobStore> blobStore();

    Liveness liveness();

    /**
     * Counters of the transport's publishing (queue depth, batches), or empty when it keeps none: the default, so a
     * transport without them needs no code and its node simply has no such meters. Constant for the life of the
     * transport.
     */
    default Optional<TransportMetrics> metrics() {
        return Optional.empty();
    }

    /**
     * Unsubscribes everything, stops every thread the transport started and releases its connections.
     * Idempotent. Afterwards every operation fails with
     * {@link io.siocluster.spi.error.TransportClosedException}.
     */
    @Override
    void close();
}
