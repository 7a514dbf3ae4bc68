package io.siocluster.core.cluster;

import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.metrics.TransportMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The node's view of its transport: the same transport, whose blob store counts what it stores, finds and purges
 * into {@link TrafficStats}. Counting at this seam keeps the namespace code free of attachment bookkeeping.
 */
final class CountingTransport implements Transport {

    private final Transport transport;
    private final Optional<BlobStore> blobs;

    CountingTransport(Transport transport, TrafficStats traffic) {
        this.transport = transport;
        this.blobs = transport.blobStore().map(delegate -> counting(delegate, traffic));
    }

    private static BlobStore counting(BlobStore delegate, TrafficStats traffic) {
        return new BlobStore() {
            @Override
            public CompletionStage<String> put(byte[] bytes) {
                return delegate.put(bytes).thenApply(id -> {
                    traffic.attachmentStored();
                    return id;
                });
            }

            @Override
            public CompletionStage<Optional<byte[]>> get(String id) {
                return delegate.get(id).thenApply(found -> {
                    if (found.isPresent()) {
                        traffic.attachmentFetched();
                    }
                    return found;
                });
            }

            @Override
            public CompletionStage<Long> purgeOlderThan(Duration age) {
                return delegate.purgeOlderThan(age).thenApply(removed -> {
                    traffic.attachmentsPurged(removed);
                    return removed;
                });
            }
        };
    }

    @Override
    public String providerName() {
        return transport.providerName();
    }

    @Override
    public Messaging messaging() {
        return transport.messaging();
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return blobs;
    }

    @Override
    public Liveness liveness() {
        return transport.liveness();
    }

    @Override
    public Optional<TransportMetrics> metrics() {
        return transport.metrics();
    }

    /** The node never closes its transport (the caller does); delegated for completeness. */
    @Override
    public void close() {
        transport.close();
    }
}
