package io.siocluster.core.cluster.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a sender's messages to the node in the order the sender published them, although some must first
 * be fetched from the blob store: a message that follows an attachment waits for it. Senders do not wait
 * for each other. (The Node adapter fetches concurrently and so reorders.)
 *
 * @param <T> a decoded message
 */
public final class SenderSequencer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SenderSequencer.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor executor;
    private final Consumer<T> sink;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

    /** @param executor a serial executor on which {@code sink} runs */
    public SenderSequencer(Executor executor, Consumer<T> sink) {
        this.executor = executor;
        this.sink = sink;
    }

    /**
     * Queues a message of {@code sender}'s; an empty result (or a failed one, logged) is skipped without
     * holding up what follows.
     */
    public void submit(String sender, CompletionStage<Optional<T>> message) {
        submit(sender, message, () -> { });
    }

    /**
     * Queues a message as {@link #submit(String, CompletionStage)} does; {@code done} runs once it was handed to
     * the sink, skipped or dropped, whatever happened (also when the executor has stopped).
     */
    public synchronized void submit(String sender, CompletionStage<Optional<T>> message, Runnable done) {
        CompletableFuture<Void> previous = tails.getOrDefault(sender, DONE);
        CompletableFuture<Optional<T>> safe = message.toCompletableFuture().exceptionally(failure -> {
            LOG.warn("dropped a message from {}: {}", sender, failure.toString());
            return Optional.empty();
        });
        CompletableFuture<Void> next = previous.thenCombine(safe, (ignored, decoded) -> decoded)
                .thenAcceptAsync(decoded -> decoded.ifPresent(this::deliver), executor)
                .exceptionally(failure -> null);
        tails.put(sender, next);
        next.whenComplete((ok, failure) -> {
            forget(sender, next);
            done.run();
        });
    }

    private void deliver(T message) {
        try {
            sink.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("failed to handle a cluster message", e);
        }
    }

    private synchronized void forget(String sender, CompletableFuture<Void> finished) {
        tails.remove(sender, finished);
    }
}
