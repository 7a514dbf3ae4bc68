package io.siocluster.core.cluster.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps a node's messages in the order it sent them while some of them first go to the blob store. An
 * attachment's blob is stored at once (several can be in flight), but its header, and everything sent
 * after it, is published only once the blob is stored. With nothing pending, a message is published on
 * the caller's thread right away: no hop, no added latency.
 */
public final class OrderedPublisher {

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    /** Publishes after everything sent before it has been published. */
    public synchronized CompletionStage<Void> publish(Supplier<CompletionStage<Void>> publish) {
        if (tail.isDone()) {
            return invoke(publish);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        tail = tail.thenRun(() -> relay(invoke(publish), result));
        return result;
    }

    /**
     * Stores a blob now and publishes its header in order once stored. When storing fails, the header is
     * not published, the result fails, and later messages go on.
     */
    public synchronized CompletionStage<Void> publishAfter(Supplier<CompletionStage<String>> store,
            Function<String, CompletionStage<Void>> publishHeader) {
        CompletableFuture<String> stored = invoke(store);
        CompletableFuture<Void> result = new CompletableFuture<>();
        tail = tail.thenCombine(stored.handle((id, failure) -> failure == null ? id : null), (ignored, id) -> {
            if (id == null) {
                stored.whenComplete((ok, failure) -> result.completeExceptionally(failure));
            } else {
                relay(invoke(() -> publishHeader.apply(id)), result);
            }
            return null;
        });
        return result;
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
