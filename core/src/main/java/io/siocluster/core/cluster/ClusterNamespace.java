package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.Failures;
import io.siocluster.core.cluster.internal.Membership;
import io.siocluster.core.cluster.internal.PendingBroadcastAcks;
import io.siocluster.core.cluster.internal.PendingResponses;
import io.siocluster.core.cluster.internal.RandomIds;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.InitialHeartbeat;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import io.siocluster.core.wire.EnvelopeMessaging;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * This node in one namespace of the cluster: the Java counterpart of Node's
 * {@code ClusterAdapterWithHeartbeat}. Operations act on this node's sockets through the
 * {@link LocalSide} right away and reach the other nodes through the bus. Nothing here blocks: results
 * are {@link CompletionStage}s.
 *
 * <p>While the transport is down, operations reach only local sockets and complete normally (counted in
 * {@link ClusterStats#localOnlyOperations()}), and requests wait for no peer. A request whose publish fails
 * while the transport is up fails at once with the transport's error.
 */
public final class ClusterNamespace {

    private final NamespaceContext context;
    private final String name;
    private final String channel;
    private final String uid;
    private final LocalSide local;
    private final Membership membership;
    private final NamespaceSender sender;
    private final NamespaceRequests requests;
    private final InboundMessages inbound;
    private final Heartbeats heartbeats;
    private final Consumer<ClusterNamespace> onClose;
    private final CompletableFuture<Void> discovered = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private @Nullable Subscription subscription;
    private @Nullable Subscription responses;

    /** @param onClose told once the namespace has said goodbye (the node forgets it) */
    ClusterNamespace(NamespaceContext context, String name, String channel, LocalSide local,
            Consumer<ClusterNamespace> onClose) {
        this.context = context;
        this.name = name;
        this.channel = channel;
        this.local = local;
        this.onClose = onClose;
        String configured = context.options().uid();
        this.uid = configured != null ? configured : RandomIds.next();
        this.membership = new Membership(context.clock(), context.options().heartbeatTimeout());
        this.sender = new NamespaceSender(context, channel, uid, name);
        this.requests = new NamespaceRequests(context, sender, discovered, this::awaitedPeers, this::closedException);
        this.inbound = new InboundMessages(context, uid, name, sender.deliveries(), local.handlesInPlace(),
                new MessageHandler(context, name, local, membership, sender, requests, closed::get));
        this.heartbeats = new Heartbeats(context, sender, membership, requests::peerLeft, uid, name);
    }

    /** The namespace as it appears on the wire ({@code "/"} for the default one). */
    public String name() {
        return name;
    }

    /** This node's id in this namespace. */
    public String uid() {
        return uid;
    }

    /**
     * The number ({@code "seq"} on the wire) of the last message this namespace published or tried to, 0
     * before the first: peers count the gaps in these numbers as missed messages.
     */
    public long lastSeq() {
        return sender.lastSeq();
    }

    /** The uids of the peers currently alive in this namespace. */
    public Set<String> peers() {
        return membership.peers();
    }

    /**
     * Completes once the namespace listens on the bus and has given its peers a short window
     * ({@link ClusterOptions#discoveryWindow()}) to answer its announcement; fails with
     * {@link IllegalStateException} when the node closes first.
     */
    public CompletionStage<Void> ready() {
        return toCaller(discovered);
    }

    // ---- operations ------------------------------------------------------------------------------

    /** Delivers a packet to the matching sockets of every node. */
    public CompletionStage<Void> broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        CompletionStage<Void> sent = sender.send(Broadcast.of(packet, opts));
        local.broadcast(packet, opts);
        return toCaller(sent);
    }

    /**
     * Delivers a packet to the matching sockets of the other nodes only: for a binding whose server has already
     * delivered it to its own sockets (netty-socketio's {@code BroadcastOperations}).
     */
    public CompletionStage<Void> broadcastToPeers(BroadcastPacket packet, BroadcastOptions opts) {
        return toCaller(sender.send(Broadcast.of(packet, opts)));
    }

    /**
     * {@link #broadcastToPeers} for a caller that only hears of failures (a binding relaying its server's broadcasts):
     * nothing wakes the callbacks thread per message. {@code onFailure} runs on the failing thread: quick, no blocking.
     */
    public void forwardToPeers(BroadcastPacket packet, BroadcastOptions opts, Consumer<Throwable> onFailure) {
        sender.send(Broadcast.of(packet, opts)).whenComplete((ok, failure) -> {
            if (failure != null) {
                onFailure.accept(Failures.unwrap(failure));
            }
        });
    }

    /**
     * Delivers a packet to the matching sockets of every node and collects each client's acknowledgement
     * (its first argument). Fails with {@link ClusterTimeoutException}, holding the acknowledgements that did
     * arrive, when not every client answered within {@code timeout}.
     */
    public CompletionStage<List<@Nullable Object>> broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts,
            Duration timeout) {
        BroadcastOptions withTimeout = opts.withFlags(opts.flags().toBuilder().timeoutMillis(timeout.toMillis()).build());
        return toCaller(requests.start(timeout, peers -> {
            List<String> awaited = new ArrayList<>(peers.peers());
            awaited.add(uid);
            return new PendingBroadcastAcks(awaited, peers.unnamed(), ClusterTimeoutException::new);
        }, requestId -> Broadcast.withAck(packet, withTimeout, requestId), request -> {
            int clients = local.broadcastWithAck(packet, withTimeout, timeout, ack -> request.ack(uid, ack));
            request.clientCount(uid, clients);
        }));
    }

    /** Makes the matching sockets of every node join {@code rooms}. */
    public CompletionStage<Void> socketsJoin(BroadcastOptions opts, List<String> rooms) {
        CompletionStage<Void> sent = sender.send(new SocketsJoin(opts, rooms));
        local.addSockets(opts, rooms);
        return toCaller(sent);
    }

    /** Makes the matching sockets of every node leave {@code rooms}. */
    public CompletionStage<Void> socketsLeave(BroadcastOptions opts, List<String> rooms) {
        CompletionStage<Void> sent = sender.send(new SocketsLeave(opts, rooms));
        local.delSockets(opts, rooms);
        return toCaller(sent);
    }

    /** Disconnects the matching sockets of every node. */
    public CompletionStage<Void> disconnectSockets(BroadcastOptions opts, boolean close) {
        CompletionStage<Void> sent = sender.send(new DisconnectSockets(opts, close));
        local.disconnectSockets(opts, close);
        return toCaller(sent);
    }

    /**
     * Describes the matching sockets of every node: this node's first, then each peer's as it answers.
     * Waits for every peer up to the flags' timeout, or {@link ClusterOptions#requestsTimeout()}.
     */
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        Long flagTimeout = opts.flags().timeoutMillis();
        Duration timeout = flagTimeout != null ? Duration.ofMillis(flagTimeout) : context.options().requestsTimeout();
        return toCaller(requests.start(timeout,
                peers -> new PendingResponses(peers.peers(), peers.unnamed(), local.fetchSockets(opts),
                        ClusterTimeoutException::new),
                requestId -> new FetchSockets(opts, requestId), request -> { })
                .thenApply(ClusterNamespace::asSockets));
    }

    /** Sends an event to the other servers' server-side handlers (not to this one). */
    public CompletionStage<Void> serverSideEmit(List<@Nullable Object> packet) {
        return toCaller(sender.send(new ServerSideEmit(packet, null)));
    }

    /**
     * Sends an event to the other servers' server-side handlers and collects one answer from each. Fails
     * with {@link ClusterTimeoutException}, holding the answers that arrived, after {@code timeout}.
     */
    public CompletionStage<List<@Nullable Object>> serverSideEmitWithAck(List<@Nullable Object> packet, Duration timeout) {
        return toCaller(requests.start(timeout,
                peers -> new PendingResponses(peers.peers(), peers.unnamed(), List.of(), ClusterTimeoutException::new),
                requestId -> new ServerSideEmit(packet, requestId), request -> { }));
    }

    /**
     * How many servers the namespace spans, this one included, as Socket.IO's {@code serverCount()}: the peers
     * heard by heartbeats plus this one, or, where the wire counts servers on the bus
     * ({@link io.siocluster.core.wire.WireRoutes#countsServers()}), the bus's count (1 while the transport is down
     * or the count fails: local-only).
     */
    public CompletionStage<Integer> serverCount() {
        if (!context.routes().countsServers()) {
            return toCaller(discovered.thenApply(ready -> 1 + membership.size()));
        }
        return toCaller(discovered.thenCompose(ready -> countedServers()));
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    void open() {
        Subscription sub = subscribe(channel);
        this.subscription = sub;
        CompletionStage<Void> listening = sub.ready();
        String own = context.routes().privateChannel(channel, uid).orElse(null);
        if (own != null) {
            Subscription answers = subscribe(own);
            this.responses = answers;
            listening = listening.thenCombine(answers.ready(), (a, b) -> null);
        }
        ScheduledExecutorService executor = context.executor();
        listening.thenRun(() -> {
            sender.send(InitialHeartbeat.INSTANCE);
            executor.schedule(() -> discovered.complete(null),
                    context.options().discoveryWindow().toMillis(), TimeUnit.MILLISECONDS);
        });
        // A transport that cannot connect must not hold requests forever: they then count no peer.
        executor.schedule(() -> discovered.complete(null),
                context.options().requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        long tick = heartbeats.period().toMillis();
        timers.add(executor.scheduleWithFixedDelay(heartbeats::tick, tick, tick, TimeUnit.MILLISECONDS));
    }

    /** Messages of {@code channel} go to {@link #inbound}: as envelopes where the wire format frames them itself. */
    private Subscription subscribe(String channel) {
        Messaging messaging = context.transport().messaging();
        return messaging instanceof EnvelopeMessaging framed ? framed.subscribeEnvelopes(channel, inbound)
                : messaging.subscribe(channel, inbound);
    }

    void reannounce() {
        if (!closed.get()) {
            sender.send(InitialHeartbeat.INSTANCE);
        }
    }

    /** Leaves the namespace: ADAPTER_CLOSE to the peers, then unsubscribes. */
    CompletionStage<Void> closeAndSayGoodbye() {
        if (!closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        timers.forEach(timer -> timer.cancel(false));
        CompletionStage<Void> goodbye = sender.send(AdapterClose.INSTANCE);
        Subscription sub = subscription;
        if (sub != null) {
            sub.close();
        }
        Subscription answers = responses;
        if (answers != null) {
            answers.close();
        }
        onClose.accept(this);
        // The node's thread stops next, dropping the discovery timer: nothing may wait for it any longer.
        discovered.completeExceptionally(closedException());
        requests.closeAll();
        return goodbye;
    }

    /**
     * The stage a caller gets: already complete when the result is known now (its chain then runs on the caller's
     * thread), otherwise completed on the node's callback threads, never on the thread that produced the result
     * (the publisher, a blob store, the node's thread), which a chained {@code join()} could otherwise block.
     */
    private <T> CompletionStage<T> toCaller(CompletionStage<T> stage) {
        CompletableFuture<T> result = stage.toCompletableFuture();
        CompletableFuture<T> relayed = new CompletableFuture<>();
        boolean now = result.isDone();
        result.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                if (failure == null) {
                    relayed.complete(value);
                } else {
                    relayed.completeExceptionally(failure);
                }
            };
            if (now) {
                complete.run();
                return;
            }
            try {
                context.callbacks().execute(complete);
            } catch (RejectedExecutionException e) {
                complete.run(); // the node has closed: no callback thread is left
            }
        });
        return relayed;
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("namespace '" + name + "' is closed on this node");
    }

    /** Whom a request waits for: nobody while the transport is down; else the live peers, or the bus's count. */
    private CompletionStage<NamespaceRequests.Awaited> awaitedPeers() {
        if (context.transport().liveness().state() != LivenessState.UP) {
            return CompletableFuture.completedFuture(NamespaceRequests.Awaited.NONE);
        }
        if (!context.routes().countsServers()) {
            return CompletableFuture.completedFuture(new NamespaceRequests.Awaited(membership.peers(), 0));
        }
        // Node's ClusterAdapter: a request waits for serverCount() - 1 answers, whoever gives them.
        return context.routes().serverCount(channel)
                .thenApply(servers -> new NamespaceRequests.Awaited(Set.of(), (int) Math.max(0, servers - 1)));
    }

    /** The bus's count of servers; 1 (this one) while the transport is down or when the count fails. */
    private CompletionStage<Integer> countedServers() {
        if (context.transport().liveness().state() != LivenessState.UP) {
            return CompletableFuture.completedFuture(1);
        }
        return context.routes().serverCount(channel).handle((servers, failure) ->
                failure != null || servers == null ? 1 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, servers)));
    }

    /**
     * How many requests this node still waits on (fetchSockets, serverSideEmit and broadcasts with
     * acknowledgements): 0 once every one has completed, answered, failed or timed out. For tests and monitoring.
     */
    public int pendingRequests() {
        return requests.pendingCount();
    }

    private static List<SocketDetails> asSockets(List<@Nullable Object> items) {
        List<SocketDetails> sockets = new ArrayList<>(items.size());
        for (Object item : items) {
            sockets.add((SocketDetails) item);
        }
        return sockets;
    }
}
