package io.siocluster.core.cluster;

import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.wire.EnvelopeMessaging.EnvelopeListener;
import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import io.siocluster.spi.support.LivenessTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A transport for one node whose bus the test plays: what the node publishes goes to a function of the
 * test's, and the test delivers what peers would say. Liveness is the test's to switch.
 */
final class StubTransport implements Transport {

    final LivenessTracker liveness = new LivenessTracker(Runnable::run);
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile BiFunction<String, String, CompletionStage<Void>> onPublish =
            (channel, payload) -> CompletableFuture.completedFuture(null);

    private volatile java.util.function.Function<String, CompletionStage<Optional<byte[]>>> onGet =
            id -> CompletableFuture.completedFuture(Optional.ofNullable(blobs.get(id)));

    private volatile java.util.function.Function<byte[], CompletionStage<String>> onPut = bytes -> {
        String id = Long.toString(ids.incrementAndGet());
        blobs.put(id, bytes.clone());
        return CompletableFuture.completedFuture(id);
    };

    StubTransport() {
        liveness.connected();
    }

    /** What publishing does from now on. */
    void onPublish(BiFunction<String, String, CompletionStage<Void>> onPublish) {
        this.onPublish = onPublish;
    }

    /** What fetching a blob does from now on ({@link #storedBlob} gives what was stored). */
    void onGet(java.util.function.Function<String, CompletionStage<Optional<byte[]>>> onGet) {
        this.onGet = onGet;
    }

    /** What storing a blob does from now on (by default it keeps it, for {@link #storedBlob}). */
    void onPut(java.util.function.Function<byte[], CompletionStage<String>> onPut) {
        this.onPut = onPut;
    }

    Optional<byte[]> storedBlob(String id) {
        return Optional.ofNullable(blobs.get(id));
    }

    /** Offers a payload to the node's listeners, on the caller's thread; whether every one took it. */
    boolean offer(String channel, String payload) {
        return listeners.stream().allMatch(listener -> listener.offer(channel, payload));
    }

    /** Delivers a payload to the node's listeners, on the caller's thread. */
    void deliver(String channel, String payload) {
        listeners.forEach(listener -> listener.onMessage(channel, payload));
    }

    /**
     * As {@link #offer}, for a wire format that reads messages itself ({@code REDIS_STREAMS}): the node's listeners
     * take envelopes.
     */
    boolean offerEnvelope(String channel, Envelope envelope) {
        return listeners.stream().allMatch(listener -> ((EnvelopeListener) listener).offerEnvelope(channel, envelope));
    }

    /** As {@link #deliver}, an envelope. */
    void deliverEnvelope(String channel, Envelope envelope) {
        listeners.forEach(listener -> ((EnvelopeListener) listener).onEnvelope(channel, envelope));
    }

    @Override
    public String providerName() {
        return "stub";
    }

    @Override
    public Messaging messaging() {
        return new Messaging() {
            @Override
            public MessagingLimits limits() {
                return MessagingLimits.POSTGRES;
            }

            @Override
            public CompletionStage<Void> publish(String channel, String payload) {
                return onPublish.apply(channel, payload);
            }

            @Override
            public Subscription subscribe(String channel, MessageListener listener) {
                listeners.add(listener);
                return new Subscription() {
                    @Override
                    public String channel() {
                        return channel;
                    }

                    @Override
                    public CompletionStage<Void> ready() {
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void close() {
                        listeners.remove(listener);
                    }
                };
            }
        };
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(new BlobStore() {
            @Override
            public CompletionStage<String> put(byte[] bytes) {
                return onPut.apply(bytes);
            }

            @Override
            public CompletionStage<Optional<byte[]>> get(String id) {
                return onGet.apply(id);
            }

            @Override
            public CompletionStage<Long> purgeOlderThan(Duration age) {
                return CompletableFuture.completedFuture(0L);
            }
        });
    }

    @Override
    public Liveness liveness() {
        return liveness;
    }

    @Override
    public void close() {
        liveness.closed();
    }
}
