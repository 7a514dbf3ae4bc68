package io.siocluster.redis.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time limits on Redis answers, timed on the transport's own control thread (not the JDK's shared
 * {@code CompletableFuture} delayer, which would outlive the transport). An answer that does not come in time
 * is a lost connection to the transport.
 */
final class Deadlines {

    private final ScheduledExecutorService timer;

    Deadlines(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** A copy of {@code answer} that fails with {@link TimeoutException} after {@code millis}. */
    <T> CompletableFuture<T> within(CompletionStage<T> answer, long millis, String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(() -> result.completeExceptionally(
                    new TimeoutException(what + ": no answer from Redis within " + millis + " ms")), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            timeout = null; // closing: the answer or the closed connection ends it
        }
        ScheduledFuture<?> cancel = timeout;
        answer.whenComplete((value, failure) -> {
            if (cancel != null) {
                cancel.cancel(false);
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }
}
