package io.siocluster.tck;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for stages with bounds, failures surfacing as their cause: what every kit does. */
public final class Stages {

    private Stages() {
    }

    /** The stage's value within {@link TckTimeouts#delivery()}; a failure is rethrown as its cause. */
    public static <T> T join(CompletionStage<T> stage) {
        return join(stage, TckTimeouts.delivery());
    }

    public static <T> T join(CompletionStage<T> stage, Duration atMost) {
        try {
            return stage.toCompletableFuture().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError("operation failed", cause);
        } catch (TimeoutException e) {
            throw new AssertionError("operation did not complete within " + atMost, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exception the stage failed with within {@code atMost}; an assertion error naming {@code rule} otherwise. */
    public static Throwable failureOf(String rule, CompletionStage<?> stage, Duration atMost) {
        try {
            Object value = stage.toCompletableFuture().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(rule + ": the operation succeeded with " + value + " but must fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(rule + ": the operation neither failed nor succeeded within " + atMost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
