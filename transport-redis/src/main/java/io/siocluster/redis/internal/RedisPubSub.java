package io.siocluster.redis.internal;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.siocluster.spi.error.PayloadTooLargeException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.messaging.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pub/sub facet: {@code PUBLISH}, {@code SUBSCRIBE} and {@code PUBSUB NUMSUB} on channels named
 * {@code keyPrefix + channel} (checked as stream names are). At most once: what is published while the connection
 * is down is lost, and the facet then refuses to publish. Messages reach listeners on the transport's dispatcher
 * thread, in the order Redis sent them. The set of channels lives here, so each new connection subscribes to all of
 * them again; a subscription is ready once Redis confirmed its channel on the current connection. A failure of
 * either connection is the transport's lost connection ({@code onFailure}), which replaces every connection.
 */
final class RedisPubSub implements PubSubMessaging {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPubSub.class);

    private final Settings settings;
    private final MessagingLimits limits;
    private final Dispatcher dispatcher;
    private final Deadlines deadlines;
    private final Executor control;
    private final BiConsumer<Object, Throwable> onFailure;
    private final BooleanSupplier closed;
    private final Map<String, List<BytesSubscription>> channels = new ConcurrentHashMap<>();
    private volatile @Nullable RedisPubSubLinks links;

    RedisPubSub(Settings settings, Dispatcher dispatcher, Deadlines deadlines, Executor control,
            BiConsumer<Object, Throwable> onFailure, BooleanSupplier closed) {
        this.settings = settings;
        this.limits = new MessagingLimits(settings.maxPayloadBytes(), settings.keys().maxChannelBytes());
        this.dispatcher = dispatcher;
        this.deadlines = deadlines;
        this.control = control;
        this.onFailure = onFailure;
        this.closed = closed;
    }

    @Override
    public CompletionStage<Void> publish(String channel, byte[] payload) {
        try {
            settings.keys().check(channel, limits);
            if (payload.length > limits.maxPayloadBytes()) {
                throw new PayloadTooLargeException(payload.length, limits.maxPayloadBytes());
            }
            RedisPubSubLinks current = usable();
            return command(current, current.commands().async().publish(key(channel), payload.clone()), "PUBLISH")
                    .thenApply(receivers -> null);
        } catch (TransportException | NullPointerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Subscription subscribe(String channel, BytesListener listener) {
        if (closed.getAsBoolean()) {
            throw closedException();
        }
        settings.keys().check(channel, limits);
        BytesSubscription subscription = new BytesSubscription(channel, listener);
        channels.compute(channel, (name, list) -> {
            List<BytesSubscription> held = list != null ? list : new CopyOnWriteArrayList<>();
            held.add(subscription);
            return held;
        });
        try {
            control.execute(() -> listen(links, List.of(channel)));
        } catch (RejectedExecutionException e) {
            throw closedException();
        }
        return subscription;
    }

    @Override
    public CompletionStage<Long> subscriberCount(String channel) {
        try {
            settings.keys().check(channel, limits);
            RedisPubSubLinks current = usable();
            byte[] key = key(channel);
            return command(current, current.commands().async().pubsubNumsub(key), "PUBSUB NUMSUB")
                    .thenApply(counts -> counts.values().stream().findFirst().orElse(0L));
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** On the control thread: new connections; every channel is subscribed again on them. */
    void connected(RedisPubSubLinks fresh) {
        links = fresh;
        fresh.listen().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                deliver(channel, message);
            }
        });
        listen(fresh, List.copyOf(channels.keySet()));
    }

    /** On the control thread: the connections are gone (or replaced next); subscriptions wait for the next ones. */
    void disconnected() {
        RedisPubSubLinks old = links;
        links = null;
        if (old != null) {
            old.close();
        }
    }

    boolean holds(Object connection) {
        RedisPubSubLinks current = links;
        return current != null && current.holds(connection);
    }

    /** On the control thread, as the transport closes. */
    void closeAll() {
        channels.values().forEach(list -> list.forEach(BytesSubscription::close));
        disconnected();
    }

    /** On the control thread: SUBSCRIBE, then the channels' subscriptions are ready. */
    private void listen(@Nullable RedisPubSubLinks current, List<String> names) {
        if (current == null || current != links || names.isEmpty()) {
            return; // not connected: connected() subscribes every channel
        }
        byte[][] keys = names.stream().map(this::key).toArray(byte[][]::new);
        deadlines.within(current.listen().async().subscribe(keys), settings.commandTimeout().toMillis(), "SUBSCRIBE")
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        onFailure.accept(current.listen(), failure);
                        return;
                    }
                    execute(() -> names.forEach(name ->
                            channels.getOrDefault(name, List.of()).forEach(subscription -> subscription.ready.complete(null))));
                });
    }

    private void deliver(byte[] key, byte[] message) {
        String name = new String(key, StandardCharsets.UTF_8).substring(settings.keys().prefix().length());
        List<BytesSubscription> subscriptions = channels.get(name);
        if (subscriptions == null) {
            return;
        }
        execute(() -> {
            for (BytesSubscription subscription : subscriptions) {
                if (!subscription.closed && subscription.ready.isDone()) {
                    try {
                        subscription.listener.onMessage(name, message.clone());
                    } catch (RuntimeException e) {
                        LOG.warn("pub/sub listener on channel {} failed; later messages are still delivered", name, e);
                    }
                }
            }
        });
    }

    private void unsubscribe(BytesSubscription subscription) {
        boolean[] emptied = {false};
        channels.computeIfPresent(subscription.channel, (name, list) -> {
            list.remove(subscription);
            emptied[0] = list.isEmpty();
            return emptied[0] ? null : list;
        });
        if (emptied[0]) {
            try {
                control.execute(() -> {
                    RedisPubSubLinks current = links;
                    if (current != null && !channels.containsKey(subscription.channel)) {
                        current.listen().async().unsubscribe(key(subscription.channel));
                    }
                });
            } catch (RejectedExecutionException e) {
                // closing: the connection goes anyway
            }
        }
    }

    private RedisPubSubLinks usable() {
        if (closed.getAsBoolean()) {
            throw closedException();
        }
        RedisPubSubLinks current = links;
        if (current == null) {
            throw new TransportUnavailableException("Redis transport " + settings.instanceName() + " is disconnected");
        }
        return current;
    }

    /** A command's answer within the command timeout; a failure means the connection is lost (and is reported so). */
    private <T> CompletionStage<T> command(RedisPubSubLinks current, CompletionStage<T> answer, String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        deadlines.within(answer, settings.commandTimeout().toMillis(), what).whenComplete((value, failure) -> {
            if (failure != null) {
                onFailure.accept(current.commands(), failure);
                result.completeExceptionally(new TransportUnavailableException("Redis transport "
                        + settings.instanceName() + ": " + what + " failed: " + failure, failure));
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    private void execute(Runnable task) {
        try {
            dispatcher.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private byte[] key(String channel) {
        return RedisPubSubLinks.bytes(settings.keys().key(channel));
    }

    private TransportClosedException closedException() {
        return new TransportClosedException("Redis transport " + settings.instanceName());
    }

    private final class BytesSubscription implements Subscription {
        private final String channel;
        private final BytesListener listener;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile boolean closed;

        BytesSubscription(String channel, BytesListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public String channel() {
            return channel;
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready.copy();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                ready.completeExceptionally(new TransportClosedException("pub/sub subscription to '" + channel + "'"));
                unsubscribe(this);
            }
        }
    }
}
