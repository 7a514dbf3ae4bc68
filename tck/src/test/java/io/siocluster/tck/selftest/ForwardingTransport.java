package io.siocluster.tck.selftest;

import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A transport that passes everything to a working one; each broken transport overrides one thing. */
class ForwardingTransport implements Transport, Messaging {

    final Transport delegate;
    private final String name;

    ForwardingTransport(Transport delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public String providerName() {
        return name;
    }

    @Override
    public Messaging messaging() {
        return this;
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
    public void close() {
        delegate.close();
    }

    @Override
    public MessagingLimits limits() {
        return delegate.messaging().limits();
    }

    @Override
    public CompletionStage<Void> publish(String channel, String payload) {
        return delegate.messaging().publish(channel, payload);
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        return delegate.messaging().subscribe(channel, listener);
    }

    @Override
    public Optional<FieldMessaging> fields() {
        return delegate.messaging().fields().map(inner -> new FieldMessaging() {
            @Override
            public CompletionStage<Void> publish(String stream, Map<String, String> entry) {
                return inner.publish(stream, entry);
            }

            @Override
            public Subscription subscribe(String stream, FieldListener listener) {
                return inner.subscribe(stream, onEntries(listener));
            }
        });
    }

    /** What the delegate's field subscriptions hand their entries to: the listener itself; a broken one wraps it. */
    FieldMessaging.FieldListener onEntries(FieldMessaging.FieldListener listener) {
        return listener;
    }
}
