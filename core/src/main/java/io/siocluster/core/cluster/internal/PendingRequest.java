package io.siocluster.core.cluster.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A request waiting for peers: told when a peer leaves, when time is up, and when it could not be sent.
 * Its result is the list of answers gathered.
 */
public abstract class PendingRequest {

    protected final CompletableFuture<List<@Nullable Object>> result = new CompletableFuture<>();

    public final CompletableFuture<List<@Nullable Object>> result() {
        return result;
    }

    public abstract void peerLeft(String uid);

    public abstract void timeOut();

    /** The peers awaited by number only will not answer (the request never reached them): stop waiting for them. */
    public abstract void forgetUnnamed();

    /** The request could not be sent: it fails with {@code cause}. */
    public final void fail(Throwable cause) {
        result.completeExceptionally(cause);
    }

    public final boolean isDone() {
        return result.isDone();
    }
}
