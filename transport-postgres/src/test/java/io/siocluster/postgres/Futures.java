package io.siocluster.postgres;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits on completion stages. */
final class Futures {

    private Futures() {
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the operation failed", e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("the operation did not complete in 30 s", e);
        }
    }

    /** The failure of a stage that must fail within {@code atMost}. */
    static Throwable failure(CompletionStage<?> stage, Duration atMost) {
        try {
            stage.toCompletableFuture().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("the operation neither failed nor succeeded within " + atMost, e);
        }
        throw new AssertionError("the operation succeeded but should have failed");
    }
}
