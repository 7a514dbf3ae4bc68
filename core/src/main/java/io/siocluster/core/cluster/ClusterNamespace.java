package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.Membership;
import io.siocluster.core.cluster.internal.Outbox;
import io.siocluster.core.cluster.internal.PendingBroadcastAcks;
import io.siocluster.core.cluster.internal.PendingRequest;
import io.siocluster.core.cluster.internal.PendingResponses;
import io.siocluster.core.cluster.internal.RandomIds;
import io.siocluster.core.cluster.internal.SenderSequencer;
import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.InboundNotification;
import io.siocluster.core.codec.InlineNotification;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastClientCount;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.ClusterResponse;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.InitialHeartbeat;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransientTransportException;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNamespace.class);
    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);

    private final ClusterNode node;
    private final Transport transport;
    private final String name;
    private final String channel;
    private final String uid;
    private final LocalSide local;
    private final Membership membership;
    private final Outbox outbox;
    private final SenderSequencer<Envelope> inbox;
    private final Map<String, PendingRequest> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> discovered = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastSentNanos = System.nanoTime();
    private @Nullable Subscription subscription;

    ClusterNamespace(ClusterNode node, String name, String channel, LocalSide local) {
        this.node = node;
        this.transport = node.transport();
        this.name = name;
        this.channel = channel;
        this.local = local;
        String configured = node.options().uid();
        this.uid = configured != null ? configured : RandomIds.next();
        this.membership = new Membership(node.options().clock(), node.options().heartbeatTimeout());
        this.inbox = new SenderSequencer<>(node.executor(), this::handle);
        this.outbox = new Outbox(transport, node.codec());
    }

    /** The namespace as it appears on the wire ({@code "/"} for the default one). */
    public String name() {
        return name;
    }

    /** This node's id in this namespace. */
    public String uid() {
        return uid;
    }

    /** The uids of the peers currently alive in this namespace. */
    public Set<String> peers() {
        return membership.peers();
    }

    /**
     * Completes once the namespace listens on the bus and has given its peers a short window
     * ({@link ClusterOptions#discoveryWindow()}) to answer its announcement.
     */
    public CompletionStage<Void> ready() {
        return discovered;
    }

    // ---- operations ------------------------------------------------------------------------------

    /** Delivers a packet to the matching sockets of every node. */
    public CompletionStage<Void> broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        CompletionStage<Void> sent = broadcastToPeers(packet, opts);
        local.broadcast(packet, opts);
        return sent;
    }

    /**
     * Delivers a packet to the matching sockets of the other nodes only: for a binding whose server has already
     * delivered it to its own sockets (netty-socketio's {@code BroadcastOperations}).
     */
    public CompletionStage<Void> broadcastToPeers(BroadcastPacket packet, BroadcastOptions opts) {
        return send(Broadcast.of(packet, opts));
    }

    /**
     * Delivers a packet to the matching sockets of every node and collects each client's acknowledgement
     * (its first argument). Fails with {@link ClusterTimeoutException}, holding the acknowledgements that did
     * arrive, when not every client answered within {@code timeout}.
     */
    public CompletionStage<List<@Nullable Object>> broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts,
            Duration timeout) {
        BroadcastOptions withTimeout = opts.withFlags(opts.flags().toBuilder().timeoutMillis(timeout.toMillis()).build());
        return discovered.thenCompose(ready -> {
            String requestId = RandomIds.next();
            Set<String> peers = reachablePeers();
            List<String> awaited = new ArrayList<>(peers);
            awaited.add(uid);
            PendingBroadcastAcks request = new PendingBroadcastAcks(awaited, ClusterTimeoutException::new);
            track(requestId, request, timeout);
            if (!peers.isEmpty()) {
                sendRequest(Broadcast.withAck(packet, withTimeout, requestId), request, peers);
            }
            int clients = local.broadcastWithAck(packet, withTimeout, timeout, ack -> request.ack(uid, ack));
            request.clientCount(uid, clients);
            return request.result();
        });
    }

    /** Makes the matching sockets of every node join {@code rooms}. */
    public CompletionStage<Void> socketsJoin(BroadcastOptions opts, List<String> rooms) {
        CompletionStage<Void> sent = send(new SocketsJoin(opts, rooms));
        local.addSockets(opts, rooms);
        return sent;
    }

    /** Makes the matching sockets of every node leave {@code rooms}. */
    public CompletionStage<Void> socketsLeave(BroadcastOptions opts, List<String> rooms) {
        CompletionStage<Void> sent = send(new SocketsLeave(opts, rooms));
        local.delSockets(opts, rooms);
        return sent;
    }

    /** Disconnects the matching sockets of every node. */
    public CompletionStage<Void> disconnectSockets(BroadcastOptions opts, boolean close) {
        CompletionStage<Void> sent = send(new DisconnectSockets(opts, close));
        local.disconnectSockets(opts, close);
        return sent;
    }

    /**
     * Describes the matching sockets of every node: this node's first, then each peer's as it answers.
     * Waits for every peer up to the flags' timeout, or {@link ClusterOptions#requestsTimeout()}.
     */
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        Long flagTimeout = opts.flags().timeoutMillis();
        Duration timeout = flagTimeout != null ? Duration.ofMillis(flagTimeout) : node.options().requestsTimeout();
        return discovered.thenCompose(ready -> {
            String requestId = RandomIds.next();
            Set<String> peers = reachablePeers();
            PendingResponses request = new PendingResponses(peers, local.fetchSockets(opts), ClusterTimeoutException::new);
            track(requestId, request, timeout);
            if (!request.isDone()) {
                sendRequest(new FetchSockets(opts, requestId), request, peers);
            }
            return request.result();
        }).thenApply(ClusterNamespace::asSockets);
    }

    /** Sends an event to the other servers' server-side handlers (not to this one). */
    public CompletionStage<Void> serverSideEmit(List<@Nullable Object> packet) {
        return send(new ServerSideEmit(packet, null));
    }

    /**
     * Sends an event to the other servers' server-side handlers and collects one answer from each. Fails
     * with {@link ClusterTimeoutException}, holding the answers that arrived, after {@code timeout}.
     */
    public CompletionStage<List<@Nullable Object>> serverSideEmitWithAck(List<@Nullable Object> packet, Duration timeout) {
        return discovered.thenCompose(ready -> {
            String requestId = RandomIds.next();
            Set<String> peers = reachablePeers();
            PendingResponses request = new PendingResponses(peers, List.of(), ClusterTimeoutException::new);
            track(requestId, request, timeout);
            if (!request.isDone()) {
                sendRequest(new ServerSideEmit(packet, requestId), request, peers);
            }
            return request.result();
        });
    }

    /** How many servers the namespace spans, this one included, as Socket.IO's {@code serverCount()}. */
    public CompletionStage<Integer> serverCount() {
        return discovered.thenApply(ready -> 1 + membership.size());
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    void open() {
        Subscription sub = transport.messaging().subscribe(channel, this::onNotification);
        this.subscription = sub;
        sub.ready().thenRun(() -> {
            send(InitialHeartbeat.INSTANCE);
            node.executor().schedule(() -> discovered.complete(null),
                    node.options().discoveryWindow().toMillis(), TimeUnit.MILLISECONDS);
        });
        // A transport that cannot connect must not hold requests forever: they then count no peer.
        node.executor().schedule(() -> discovered.complete(null),
                node.options().requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // Checked ten times per interval: an idle node is heard again at most 1.1 x heartbeatInterval after it last
        // sent anything, however that falls between checks (peers drop it after heartbeatTimeout of silence).
        long beatCheck = Math.max(1, node.options().heartbeatInterval().toMillis() / 10);
        timers.add(node.executor().scheduleWithFixedDelay(this::heartbeatIfIdle, beatCheck, beatCheck, TimeUnit.MILLISECONDS));
        long check = EXPIRY_CHECK.toMillis();
        timers.add(node.executor().scheduleWithFixedDelay(this::expirePeers, check, check, TimeUnit.MILLISECONDS));
    }

    void reannounce() {
        if (!closed.get()) {
            send(InitialHeartbeat.INSTANCE);
        }
    }

    /** Leaves the namespace: ADAPTER_CLOSE to the peers, then unsubscribes. */
    CompletionStage<Void> closeAndSayGoodbye() {
        if (!closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        timers.forEach(timer -> timer.cancel(false));
        CompletionStage<Void> goodbye = send(AdapterClose.INSTANCE);
        Subscription sub = subscription;
        if (sub != null) {
            sub.close();
        }
        node.forget(this);
        pending.values().forEach(PendingRequest::timeOut);
        return goodbye;
    }

    // ---- sending ----------------------------------------------------------------------------------

    /**
     * Publishes a message in this node's order. While the transport is down the message is not sent and
     * the stage completes normally: the cluster works local-only until the transport is back.
     */
    private CompletionStage<Void> send(ClusterMessage message) {
        return publish(message).thenApply(sent -> null);
    }

    /**
     * Publishes a message in this node's order: true once published, false when it was not sent because the
     * transport is down (local-only, counted); any other failure fails the stage.
     */
    private CompletionStage<Boolean> publish(ClusterMessage message) {
        lastSentNanos = System.nanoTime();
        CompletionStage<Void> published = outbox.send(channel, new Envelope(uid, name, message));
        return published.handle((ok, failure) -> {
            if (failure == null) {
                return true;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TransientTransportException && transport.liveness().state() != LivenessState.UP) {
                node.stats().localOnly();
                LOG.debug("[{}] transport down, {} not sent to peers", uid, message.type());
                return false;
            }
            node.stats().publishFailed();
            throw new CompletionException(cause);
        });
    }

    /**
     * Publishes a request. Peers can only answer what reached the bus: when the transport went down meanwhile
     * the request stops waiting for {@code awaited} (local-only, as if they had left), and when the publish
     * failed otherwise the request fails with that error, rather than either waiting for its timeout.
     */
    private void sendRequest(ClusterMessage message, PendingRequest request, Collection<String> awaited) {
        publish(message).whenComplete((sent, failure) -> {
            if (failure != null) {
                request.fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else if (!sent) {
                awaited.forEach(request::peerLeft);
            }
        });
    }

    /**
     * Replies from a client's or the application's thread, queued on the node's thread behind what it is
     * doing. An answer that comes after the node closed is dropped, not thrown into the caller's thread.
     */
    private void replyLater(ClusterMessage response) {
        try {
            node.executor().execute(() -> reply(response));
        } catch (RejectedExecutionException e) {
            LOG.debug("[{}] {} dropped: the node is closed", uid, response.type());
        }
    }

    private void reply(ClusterMessage response) {
        send(response).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("[{}] could not send {}: {}", uid, response.type(), failure.toString());
            }
        });
    }

    private Set<String> reachablePeers() {
        return transport.liveness().state() == LivenessState.UP ? membership.peers() : Set.of();
    }

    /**
     * How many requests this node still waits on (fetchSockets, serverSideEmit and broadcasts with
     * acknowledgements): 0 once every one has completed, answered, failed or timed out. For tests and monitoring.
     */
    public int pendingRequests() {
        return pending.size();
    }

    private void track(String requestId, PendingRequest request, Duration timeout) {
        if (request.isDone()) {
            return;
        }
        pending.put(requestId, request);
        ScheduledFuture<?> timer = node.executor().schedule(() -> {
            request.timeOut();
            pending.remove(requestId);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.result().whenComplete((ok, failure) -> {
            timer.cancel(false);
            pending.remove(requestId);
        });
    }

    private static List<SocketDetails> asSockets(List<@Nullable Object> items) {
        List<SocketDetails> sockets = new ArrayList<>(items.size());
        for (Object item : items) {
            sockets.add((SocketDetails) item);
        }
        return sockets;
    }

    private void heartbeatIfIdle() {
        long idle = System.nanoTime() - lastSentNanos;
        if (idle >= node.options().heartbeatInterval().toNanos()) {
            send(Heartbeat.INSTANCE);
        }
    }

    private void expirePeers() {
        for (String gone : membership.expire()) {
            LOG.info("[{}] peer {} in namespace {} seems down (silent for {})", uid, gone, name,
                    node.options().heartbeatTimeout());
            pending.values().forEach(request -> request.peerLeft(gone));
        }
    }

    // ---- receiving --------------------------------------------------------------------------------

    /** On the transport's thread: decode, skip our own, fetch attachments, and queue in sender order. */
    private void onNotification(String ch, String payload) {
        InboundNotification notification;
        try {
            notification = node.codec().decodeNotification(payload, name);
        } catch (MessageDecodeException e) {
            logRarely(node.stats().malformed(), "[{}] dropped a malformed message on {}: {}", uid, ch, e.getMessage());
            return;
        }
        if (notification.uid().equals(uid)) {
            return; // our own message, echoed by the bus: recognised without fetching its attachment
        }
        if (notification instanceof InlineNotification inline) {
            inbox.submit(inline.uid(), CompletableFuture.completedFuture(Optional.of(inline.envelope())));
        } else {
            AttachmentHeader header = (AttachmentHeader) notification;
            inbox.submit(header.uid(), fetch(header));
        }
    }

    private CompletionStage<Optional<Envelope>> fetch(AttachmentHeader header) {
        return transport.blobStore().get(header.attachmentId()).thenApply(bytes -> {
            if (bytes.isEmpty()) {
                logRarely(node.stats().missingAttachment(), "[{}] attachment {} from {} is gone; message dropped",
                        uid, header.attachmentId(), header.uid());
                return Optional.empty();
            }
            try {
                return Optional.of(node.codec().decodeAttachment(bytes.get(), name));
            } catch (MessageDecodeException e) {
                logRarely(node.stats().malformed(), "[{}] dropped malformed attachment {}: {}", uid, header.attachmentId(),
                        e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * Logs the 1st, 2nd, 4th, 8th... occurrence at WARN and the others at DEBUG, so that a peer sending garbage
     * cannot flood the log; {@link ClusterStats} has every one counted.
     */
    private static void logRarely(long occurrence, String format, Object... args) {
        if (Long.bitCount(occurrence) == 1) {
            LOG.warn(format + " (occurrence " + occurrence + "; further ones until the next power of two at DEBUG)", args);
        } else {
            LOG.debug(format, args);
        }
    }

    /** On the node's thread, in each sender's order. */
    private void handle(Envelope envelope) {
        if (closed.get() || !envelope.nsp().equals(name)) {
            return;
        }
        String sender = envelope.uid();
        membership.seen(sender);
        ClusterMessage message = envelope.message();
        if (message instanceof InitialHeartbeat) {
            reply(Heartbeat.INSTANCE);
        } else if (message instanceof AdapterClose) {
            membership.remove(sender);
            pending.values().forEach(request -> request.peerLeft(sender));
        } else if (message instanceof Broadcast m) {
            onBroadcast(m);
        } else if (message instanceof SocketsJoin m) {
            local.addSockets(m.opts(), m.rooms());
        } else if (message instanceof SocketsLeave m) {
            local.delSockets(m.opts(), m.rooms());
        } else if (message instanceof DisconnectSockets m) {
            local.disconnectSockets(m.opts(), m.close());
        } else if (message instanceof FetchSockets m) {
            reply(new FetchSocketsResponse(m.requestId(), local.fetchSockets(m.opts())));
        } else if (message instanceof ServerSideEmit m) {
            onServerSideEmit(m);
        } else if (message instanceof ClusterResponse response) {
            onResponse(sender, response);
        }
        // HEARTBEAT: the sign of life recorded above is all it carries.
    }

    private void onResponse(String sender, ClusterResponse response) {
        PendingRequest request = pending.get(response.requestId());
        if (request instanceof PendingResponses responses) {
            if (response instanceof FetchSocketsResponse m) {
                responses.answer(sender, m.sockets());
            } else if (response instanceof ServerSideEmitResponse m) {
                responses.answer(sender, Collections.singletonList(m.packet()));
            }
        } else if (request instanceof PendingBroadcastAcks acks) {
            if (response instanceof BroadcastClientCount m) {
                acks.clientCount(sender, m.clientCount());
            } else if (response instanceof BroadcastAck m) {
                acks.ack(sender, m.packet());
            }
        }
    }

    private void onBroadcast(Broadcast broadcast) {
        String requestId = broadcast.requestId();
        if (requestId == null) {
            local.broadcast(broadcast.packet(), broadcast.opts());
            return;
        }
        Long flagTimeout = broadcast.opts().flags().timeoutMillis();
        Duration timeout = flagTimeout != null ? Duration.ofMillis(flagTimeout) : node.options().requestsTimeout();
        // Acks can come back on any thread before the count is out: queue them behind it on our thread.
        Consumer<@Nullable Object> onAck = ack -> replyLater(new BroadcastAck(requestId, ack));
        int clients = local.broadcastWithAck(broadcast.packet(), broadcast.opts(), timeout, onAck);
        reply(new BroadcastClientCount(requestId, clients));
    }

    private void onServerSideEmit(ServerSideEmit emit) {
        String requestId = emit.requestId();
        if (requestId == null) {
            local.serverSideEmit(emit.packet(), null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        local.serverSideEmit(emit.packet(), answer -> {
            if (answered.compareAndSet(false, true)) {
                replyLater(new ServerSideEmitResponse(requestId, answer));
            }
        });
    }
}
