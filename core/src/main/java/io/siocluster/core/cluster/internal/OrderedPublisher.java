package io.siocluster.core.cluster.internal;

import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a node's messages in the order it sent them while some of them first go to the blob store. An
 * attachment's blob is stored at once (several can be in flight), but its header, and everything sent
 * after it, is published only once the blob is stored. With nothing waiting, a message is published on
 * the caller's thread right away: no hop, no added latency.
 *
 * <p>What waits behind a blob is bounded ({@code capacity} messages): when full, the {@link OverloadPolicy}
 * refuses the new message or drops the oldest waiting one, and its stage fails with a
 * {@link TransportUnavailableException}. Nobody ever waits here: callers are often event loops.
 */
public final class OrderedPublisher {

    /** The default bound of what waits behind a blob being stored. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** One message waiting its turn; {@code stored} is null for an inline message, which is ready at once. */
    private static final class Waiting {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        final @Nullable CompletableFuture<String> stored;
        final @Nullable Supplier<CompletionStage<Void>> publish;
        final @Nullable Function<String, CompletionStage<Void>> publishHeader;

        Waiting(Supplier<CompletionStage<Void>> publish) {
            this.stored = null;
            this.publish = publish;
            this.publishHeader = null;
        }

        Waiting(CompletableFuture<String> stored, Function<String, CompletionStage<Void>> publishHeader) {
            this.stored = stored;
            this.publish = null;
            this.publishHeader = publishHeader;
        }

        boolean ready() {
            return stored == null || stored.isDone();
        }

        /** Publishes it, or fails it when its blob could not be stored (later messages go on). */
        void run() {
            if (stored == null) {
                relay(invoke(publish), result);
                return;
            }
            String id = stored.handle((ok, failure) -> failure == null ? ok : null).join();
            if (id == null) {
                stored.whenComplete((ok, failure) -> result.completeExceptionally(failure));
            } else {
                relay(invoke(() -> publishHeader.apply(id)), result);
            }
        }
    }

    private final int capacity;
    private final OverloadPolicy policy;
    private final Runnable onOverflow;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean draining; // guarded by this: one thread at a time hands messages on, in order

    /** Bounded by {@link #DEFAULT_CAPACITY}, refusing new messages when full. */
    public OrderedPublisher() {
        this(DEFAULT_CAPACITY, OverloadPolicy.REJECT, () -> { });
    }

    /** @param onOverflow runs once for each message refused or dropped because {@code capacity} were waiting */
    public OrderedPublisher(int capacity, OverloadPolicy policy, Runnable onOverflow) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.policy = policy;
        this.onOverflow = onOverflow;
    }

    /** Publishes after everything sent before it has been published. */
    public CompletionStage<Void> publish(Supplier<CompletionStage<Void>> publish) {
        Waiting message = new Waiting(publish);
        if (!enqueue(message)) {
            return message.result;
        }
        drain();
        return message.result;
    }

    /**
     * Stores a blob now and publishes its header in order once stored. When storing fails, the header is
     * not published, the result fails, and later messages go on. A refused message is not stored at all.
     */
    public CompletionStage<Void> publishAfter(Supplier<CompletionStage<String>> store,
            Function<String, CompletionStage<Void>> publishHeader) {
        CompletableFuture<String> stored = new CompletableFuture<>();
        Waiting message = new Waiting(stored, publishHeader);
        if (!enqueue(message)) {
            return message.result;
        }
        invoke(store).whenComplete((id, failure) -> {
            if (failure == null) {
                stored.complete(id);
            } else {
                stored.completeExceptionally(failure);
            }
            drain();
        });
        return message.result;
    }

    /** Messages waiting behind a blob now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Adds a message at the tail, applying the policy when full; false when the message itself was refused. */
    private boolean enqueue(Waiting message) {
        Waiting dropped = null;
        synchronized (this) {
            if (waiting.size() >= capacity) {
                if (policy == OverloadPolicy.REJECT) {
                    dropped = message;
                } else {
                    dropped = waiting.poll();
                }
            }
            if (dropped != message) {
                waiting.add(message);
            }
        }
        if (dropped != null) {
            onOverflow.run();
            dropped.result.completeExceptionally(new TransportUnavailableException((dropped == message
                    ? "refused: " : "dropped, the oldest waiting: ") + capacity
                    + " messages already wait to be published behind a blob being stored (overload policy "
                    + policy + ")"));
        }
        return dropped != message;
    }

    /**
     * Hands every ready message at the head on, in order, on this thread; returns at the first one still waiting
     * for its blob (whose completion drains again). Only one thread drains at a time.
     */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return; // the draining thread looks at the head again before it stops
            }
            draining = true;
        }
        while (true) {
            Waiting next;
            synchronized (this) {
                next = waiting.peek();
                if (next == null || !next.ready()) {
                    draining = false;
                    return;
                }
                waiting.poll();
            }
            next.run();
        }
    }

    private static <T> CompletableFuture<T> invoke(Supplier<? extends CompletionStage<T>> action) {
        try {
            return action.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void relay(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((ok, failure) -> {
            if (failure == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(failure);
            }
        });
    }
}
