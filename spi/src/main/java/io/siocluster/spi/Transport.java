package io.siocluster.spi;

import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;

/**
 * One node's connection to a message bus, with its three facets. Thread-safe. Created by a
 * {@link TransportProvider}, usually through {@link Transports#create(TransportOptions)}.
 */
public interface Transport extends AutoCloseable {

    /** The name of the provider that made it, e.g. {@code "postgres"}. */
    String providerName();

    Messaging messaging();

    BlobStore blobStore();

    Liveness liveness();

    /**
     * Unsubscribes everything, stops every thread the transport started and releases its connections.
     * Idempotent. Afterwards every operation fails with
     * {@link io.siocluster.spi.error.TransportClosedException}.
     */
    @Override
    void close();
}
