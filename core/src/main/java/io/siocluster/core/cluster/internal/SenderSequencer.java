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
    private final DirectRun direct;
    private final Consumer<T> sink;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

    /** Runs a message's handling in place when it may, instead of queueing it on the executor. */
    @FunctionalInterface
    public interface DirectRun {
        /** @return false, without running it, when {@code task} must be queued instead */
        boolean tryRun(Runnable task);
    }

    /** @param executor a serial executor on which {@code sink} runs */
    public SenderSequencer(Executor executor, Consumer<T> sink) {
        this(executor, task -> false, sink);
    }

    /**
     * @param executor a serial executor on which {@code sink} runs
     * @param direct runs a message that is ready when it is submitted (nothing of its sender's still waiting)
     *     in place on the submitting thread when it can, serially with {@code executor}'s tasks
     *     ({@link NodeExecutor#runIfIdle}); never used for a message that became ready later, on whichever
     *     thread (a blob store's) completed its fetch
     */
    public SenderSequencer(Executor executor, DirectRun direct, Consumer<T> sink) {
        this.executor = executor;
        this.direct = direct;
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
    public void submit(String sender, CompletionStage<Optional<T>> message, Runnable done) {
        submit(sender, message, false, done);
    }

    /**
     * Queues a message as {@link #submit(String, CompletionStage, Runnable)} does, or with {@code inPlace}
     * handles it at once on this thread when it is ready and the direct run allows.
     */
    public void submit(String sender, CompletionStage<Optional<T>> message, boolean inPlace, Runnable done) {
        CompletableFuture<Optional<T>> safe = message.toCompletableFuture().exceptionally(failure -> {
            LOG.warn("dropped a message from {}: {}", sender, failure.toString());
            return Optional.empty();
        });
        CompletableFuture<Void> finished = new CompletableFuture<>();
        CompletableFuture<Optional<T>> ready;
        synchronized (this) {
            // the previous tail always completes normally, and safe too: ready never fails
            ready = tails.getOrDefault(sender, DONE).thenCombine(safe, (ignored, decoded) -> decoded);
            tails.put(sender, finished);
        }
        finished.whenComplete((ok, failure) -> {
            forget(sender, finished);
            done.run();
        });
        // Handled outside the lock, so that a message handled in place does not hold up other senders' submits.
        if (inPlace && ready.isDone() && direct.tryRun(() -> handle(ready.join(), finished))) {
            return;
        }
        ready.thenAcceptAsync(decoded -> handle(decoded, finished), executor)
                .exceptionally(failure -> { // the executor has stopped: the message is dropped with the node
                    finished.complete(null);
                    return null;
                });
    }

    private void handle(Optional<T> decoded, CompletableFuture<Void> finished) {
        try {
            decoded.ifPresent(this::deliver);
        } finally {
            finished.complete(null);
        }
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
