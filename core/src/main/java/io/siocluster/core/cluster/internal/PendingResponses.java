package io.siocluster.core.cluster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One request that every peer answers once (fetchSockets, serverSideEmit with ack): complete when each
 * awaited peer has answered or left; on timeout, fail with what arrived so far.
 */
public final class PendingResponses extends PendingRequest {

    private final Set<String> missing;
    private final List<@Nullable Object> responses;
    private final TimeoutFailure failure;

    /** @param initial results known before any peer answers (a fetch's local sockets) */
    public PendingResponses(Collection<String> peers, List<?> initial, TimeoutFailure failure) {
        this.failure = failure;
        this.missing = new HashSet<>(peers);
        this.responses = new ArrayList<>(initial);
        completeIfDone();
    }

    /** A peer's answer: its items are added to the results. Answers from peers not awaited are ignored. */
    public synchronized void answer(String uid, Collection<?> items) {
        if (missing.remove(uid)) {
            responses.addAll(items);
            completeIfDone();
        }
    }

    @Override
    public synchronized void peerLeft(String uid) {
        if (missing.remove(uid)) {
            completeIfDone();
        }
    }

    @Override
    public synchronized void timeOut() {
        result.completeExceptionally(failure.create(
                "timeout reached: missing " + missing.size() + " responses", responses, missing.size()));
    }

    private void completeIfDone() {
        if (missing.isEmpty()) {
            result.complete(new ArrayList<>(responses));
        }
    }
}
