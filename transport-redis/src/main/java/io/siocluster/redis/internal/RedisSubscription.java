package io.siocluster.redis.internal;

import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One listener on one channel. Its {@code ready()} completes once its stream's start id is known. */
final class RedisSubscription implements Subscription {

    private final String channel;
    /** Exactly one of the two is set: a text subscription gets entries' {@code payload}, a field one every entry. */
    final @Nullable MessageListener listener;
    final io.siocluster.spi.messaging.FieldMessaging.@Nullable FieldListener fieldListener;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Consumer<RedisSubscription> onClose;
    private volatile boolean closed;

    RedisSubscription(String channel, MessageListener listener, Consumer<RedisSubscription> onClose) {
        this.channel = channel;
        this.listener = listener;
        this.fieldListener = null;
        this.onClose = onClose;
    }

    RedisSubscription(String stream, io.siocluster.spi.messaging.FieldMessaging.FieldListener fieldListener,
            Consumer<RedisSubscription> onClose) {
        this.channel = stream;
        this.listener = null;
        this.fieldListener = fieldListener;
        this.onClose = onClose;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public CompletionStage<Void> ready() {
        return ready.copy();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
