package io.siocluster.core.cluster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One request that every peer answers once (fetchSockets, serverSideEmit with ack): complete when each
 * awaited peer has answered or left; on timeout, fail with what arrived so far. Peers are awaited by uid (known
 * from heartbeats), or only by number (servers counted by the bus, as Node's adapter counts them): then the first
 * answer of each uid fills one place, until all are filled.
 */
public final class PendingResponses extends PendingRequest {

    private final Set<String> missing;
    private final Set<String> answeredUnnamed = new HashSet<>();
    private int unnamed;
    private final List<@Nullable Object> responses;
    private final TimeoutFailure failure;

    /** @param initial results known before any peer answers (a fetch's local sockets) */
    public PendingResponses(Collection<String> peers, List<?> initial, TimeoutFailure failure) {
        this(peers, 0, initial, failure);
    }

    /** @param unnamed peers awaited by number only: the first answer of each other uid counts for one */
    public PendingResponses(Collection<String> peers, int unnamed, List<?> initial, TimeoutFailure failure) {
        this.failure = failure;
        this.missing = new HashSet<>(peers);
        this.unnamed = Math.max(0, unnamed);
        this.responses = new ArrayList<>(initial);
        completeIfDone();
    }

    /** A peer's answer: its items are added to the results. Answers from peers not awaited are ignored. */
    public synchronized void answer(String uid, Collection<?> items) {
        boolean awaited = missing.remove(uid);
        if (!awaited && unnamed > 0 && answeredUnnamed.add(uid)) {
            unnamed--;
            awaited = true;
        }
        if (awaited) {
            responses.addAll(items);
            completeIfDone();
        }
    }

    /**
     * A peer left (ADAPTER_CLOSE, or its heartbeats stopped). Awaited by uid: it is no longer awaited. Awaited by
     * number: a peer that has not answered held one of the places (it was a subscriber when the bus counted them, or
     * it could not have left in between), so one place less is waited for; its answer, should one still arrive, no
     * longer counts.
     */
    @Override
    public synchronized void peerLeft(String uid) {
        if (missing.remove(uid)) {
            completeIfDone();
        } else if (unnamed > 0 && answeredUnnamed.add(uid)) {
            unnamed--;
            completeIfDone();
        }
    }

    @Override
    public synchronized void forgetUnnamed() {
        unnamed = 0;
        completeIfDone();
    }

    @Override
    public synchronized void timeOut() {
        result.completeExceptionally(failure.create(
                "timeout reached: missing " + (missing.size() + unnamed) + " responses", responses,
                missing.size() + unnamed));
    }

    private void completeIfDone() {
        if (missing.isEmpty() && unnamed == 0) {
            result.complete(new ArrayList<>(responses));
        }
    }
}
