package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.Failures;
import io.siocluster.core.cluster.internal.PendingBroadcastAcks;
import io.siocluster.core.cluster.internal.PendingRequest;
import io.siocluster.core.cluster.internal.PendingResponses;
import io.siocluster.core.cluster.internal.RandomIds;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastClientCount;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.ClusterResponse;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The requests one namespace has in flight (fetchSockets, serverSideEmit and broadcasts with
 * acknowledgements): each waits for the peers alive when it started, until they answered, left or the
 * timeout passed. Routes the peers' responses by request id.
 */
final class NamespaceRequests {

    private final NamespaceContext context;
    private final NamespaceSender sender;
    private final CompletionStage<Void> discovered;
    private final Supplier<CompletionStage<Awaited>> awaited;
    private final Supplier<? extends RuntimeException> closedFailure;
    private final Map<String, PendingRequest> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param discovered completes when the namespace has heard its peers; requests start after it
     * @param awaited the peers a request waits for: none while the transport is down
     * @param closedFailure what a request started after close fails with
     */
    NamespaceRequests(NamespaceContext context, NamespaceSender sender, CompletionStage<Void> discovered,
            Supplier<CompletionStage<Awaited>> awaited, Supplier<? extends RuntimeException> closedFailure) {
        this.context = context;
        this.sender = sender;
        this.discovered = discovered;
        this.awaited = awaited;
        this.closedFailure = closedFailure;
    }

    /**
     * Starts a request once the namespace is ready (fails when it closes first): makes its pending state for the reachable peers, tracks it
     * until {@code timeout}, publishes {@code message} when a peer is awaited, then runs {@code afterSend}
     * (the local part of a broadcast with acknowledgements).
     *
     * @param create the pending state, from the awaited peers
     * @param message the request message, from its request id
     */
    <R extends PendingRequest> CompletionStage<List<@Nullable Object>> start(Duration timeout,
            Function<Awaited, R> create, Function<String, ClusterMessage> message, Consumer<R> afterSend) {
        if (closed) {
            return CompletableFuture.failedFuture(closedFailure.get());
        }
        return discovered.thenCompose(ready -> awaited.get()).thenCompose(peers -> {
            String requestId = RandomIds.next();
            R request = create.apply(peers);
            track(requestId, request, timeout);
            if (peers.any() && !request.isDone()) {
                publish(message.apply(requestId), request, peers.peers());
            }
            afterSend.accept(request);
            return request.result();
        });
    }

    /** A peer's response: goes to the request it answers, if that is still waiting. */
    void onResponse(String peer, ClusterResponse response) {
        PendingRequest request = pending.get(response.requestId());
        if (request instanceof PendingResponses responses) {
            if (response instanceof FetchSocketsResponse m) {
                responses.answer(peer, m.sockets());
            } else if (response instanceof ServerSideEmitResponse m) {
                responses.answer(peer, Collections.singletonList(m.packet()));
            }
        } else if (request instanceof PendingBroadcastAcks acks) {
            if (response instanceof BroadcastClientCount m) {
                acks.clientCount(peer, m.clientCount());
            } else if (response instanceof BroadcastAck m) {
                acks.ack(peer, m.packet());
            }
        }
    }

    /** A peer left (ADAPTER_CLOSE or silence): no request waits for it any longer. */
    void peerLeft(String peer) {
        pending.values().forEach(request -> request.peerLeft(peer));
    }

    /** The namespace closed: every request still waiting times out with what it has. */
    void closeAll() {
        closed = true;
        pending.values().forEach(PendingRequest::timeOut);
    }

    /**
     * Publishes a request. Peers can only answer what reached the bus: when the transport went down meanwhile
     * the request stops waiting for {@code awaited} (local-only, as if they had left), and when the publish
     * failed otherwise the request fails with that error, rather than either waiting for its timeout.
     */
    private void publish(ClusterMessage message, PendingRequest request, Set<String> awaited) {
        sender.publish(message).whenComplete((sent, failure) -> {
            if (failure != null) {
                request.fail(Failures.unwrap(failure));
            } else if (!sent) {
                awaited.forEach(request::peerLeft);
                request.forgetUnnamed();
            }
        });
    }

    /**
     * Whom a request waits for: peers known by uid (heartbeats), and peers known only by number (servers counted by
     * the bus, less this one).
     */
    record Awaited(Set<String> peers, int unnamed) {

        static final Awaited NONE = new Awaited(Set.of(), 0);

        boolean any() {
            return !peers.isEmpty() || unnamed > 0;
        }
    }

    /** Requests still waiting: answered, failed and timed-out ones are gone. */
    int pendingCount() {
        return pending.size();
    }

    private void track(String requestId, PendingRequest request, Duration timeout) {
        if (request.isDone()) {
            return;
        }
        pending.put(requestId, request);
        context.traffic().requestStarted(request.result());
        request.result().whenComplete((ok, failure) -> pending.remove(requestId));
        if (closed) {
            request.timeOut(); // started while the namespace closed: closeAll may have missed it
            return;
        }
        try {
            ScheduledFuture<?> timer = context.executor().schedule(() -> {
                context.traffic().timingOut(request);
                request.timeOut();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            request.result().whenComplete((ok, failure) -> timer.cancel(false));
        } catch (RejectedExecutionException e) {
            request.timeOut(); // the node's thread has stopped: no timer would ever end this request
        }
    }
}
