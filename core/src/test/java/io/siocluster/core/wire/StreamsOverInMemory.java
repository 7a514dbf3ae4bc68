package io.siocluster.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.messaging.Subscription;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An in-memory node with a field facet, so that {@link WireFormat#REDIS_STREAMS} runs without Redis: an entry travels
 * as the JSON object of its fields on the in-memory channel named by the stream (ordered and at most once, like the
 * transport's other messages). Pub/sub is the in-memory transport's own.
 */
public final class StreamsOverInMemory implements Transport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryTransport delegate;
    private final Messaging messaging;

    public StreamsOverInMemory(InMemoryTransport delegate) {
        this.delegate = delegate;
        Messaging inner = delegate.messaging();
        FieldMessaging fields = new FieldMessaging() {
            @Override
            public CompletionStage<Void> publish(String stream, Map<String, String> entry) {
                try {
                    return inner.publish(stream, JSON.writeValueAsString(entry));
                } catch (JsonProcessingException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public Subscription subscribe(String stream, FieldListener listener) {
                return inner.subscribe(stream, (channel, text) -> listener.onEntry(channel, entry(text)));
            }
        };
        this.messaging = new Messaging() {
            @Override
            public MessagingLimits limits() {
                return inner.limits();
            }

            @Override
            public Optional<FieldMessaging> fields() {
                return Optional.of(fields);
            }

            @Override
            public Optional<PubSubMessaging> pubSub() {
                return inner.pubSub();
            }

            @Override
            public CompletionStage<Void> publish(String channel, String payload) {
                return inner.publish(channel, payload);
            }

            @Override
            public Subscription subscribe(String channel, MessageListener listener) {
                return inner.subscribe(channel, listener);
            }
        };
    }

    /** The fields of an entry as this fixture writes it. */
    public static Map<String, String> entry(String text) {
        try {
            return Collections.unmodifiableMap(JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
    public void close() {
        delegate.close();
    }
}
