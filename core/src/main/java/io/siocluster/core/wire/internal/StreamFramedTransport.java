package io.siocluster.core.wire.internal;

import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.metrics.TransportMetrics;
import java.util.Optional;

/** A transport whose channel texts travel as Node redis-streams entries; liveness and limits are the delegate's. */
public final class StreamFramedTransport implements Transport {

    private final Transport delegate;
    private final StreamFramedMessaging messaging;

    /**
     * @param pubSub where requests and responses go when present; else they travel on the stream too
     * @param streamCount over how many streams the namespaces are spread (Node's {@code streamCount})
     */
    public StreamFramedTransport(Transport delegate, FieldMessaging fields, Optional<PubSubMessaging> pubSub,
            int streamCount) {
        this.delegate = delegate;
        this.messaging = new StreamFramedMessaging(delegate.messaging(), fields, pubSub.orElse(null), streamCount);
    }

    @Override
    public String providerName() {
        return delegate.providerName();
    }

    @Override
    public Messaging messaging() {
        return messaging;
    }

    /** None: Node's framing carries every message in its entry (binary as base64 msgpack), never a blob's id. */
    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.empty();
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
