package io.siocluster.core.cluster.internal;

import java.util.concurrent.CompletionException;

/** What a failed stage failed with, under the {@link CompletionException} that dependent stages wrap it in. */
public final class Failures {

    private Failures() {
    }

    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
