package io.siocluster.core.cluster;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.internal.Membership;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastClientCount;
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
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Acts on what peers and emitters say in one namespace, on the node's thread and in each sender's order:
 * membership from heartbeats (and signs of life from known peers), the peers' operations on this node's sockets, answers to their requests,
 * and their answers to ours.
 */
final class MessageHandler implements Consumer<Envelope> {

    private final NamespaceContext context;
    private final String namespace;
    private final LocalSide local;
    private final Membership membership;
    private final NamespaceSender sender;
    private final NamespaceRequests requests;
    private final BooleanSupplier closed;
    private Instant lastAsked; // on the node's thread only; open() announces the namespace

    MessageHandler(NamespaceContext context, String namespace, LocalSide local, Membership membership,
            NamespaceSender sender, NamespaceRequests requests, BooleanSupplier closed) {
        this.context = context;
        this.namespace = namespace;
        this.local = local;
        this.membership = membership;
        this.sender = sender;
        this.requests = requests;
        this.closed = closed;
        this.lastAsked = context.clock().instant();
    }

    @Override
    public void accept(Envelope envelope) {
        if (closed.getAsBoolean() || !envelope.nsp().equals(namespace)) {
            return;
        }
        String peer = envelope.uid();
        ClusterMessage message = envelope.message();
        context.traffic().countReceived(message.type());
        if (message instanceof InitialHeartbeat || message instanceof Heartbeat) {
            if (membership.heartbeat(peer) == Membership.Heard.REFUSED && !envelope.fromEmitter()) {
                context.drops().record(DropReason.PEER_LIMIT, "[{}] {} from {} ignored: {} peers are tracked already",
                        sender.uid(), message.type(), peer, membership.size());
            }
        } else if (!membership.touch(peer) && !envelope.fromEmitter()) {
            askForPeers();
        }
        if (message instanceof InitialHeartbeat) {
            sender.reply(Heartbeat.INSTANCE);
        } else if (message instanceof AdapterClose) {
            membership.remove(peer);
            requests.peerLeft(peer);
        } else if (message instanceof Broadcast m) {
            onBroadcast(m, peer);
        } else if (message instanceof SocketsJoin m) {
            local.addSockets(m.opts(), m.rooms());
        } else if (message instanceof SocketsLeave m) {
            local.delSockets(m.opts(), m.rooms());
        } else if (message instanceof DisconnectSockets m) {
            local.disconnectSockets(m.opts(), m.close());
        } else if (message instanceof FetchSockets m) {
            sender.reply(new FetchSocketsResponse(m.requestId(), local.fetchSockets(m.opts())), peer);
        } else if (message instanceof ServerSideEmit m) {
            onServerSideEmit(m, peer);
        } else if (message instanceof ClusterResponse response) {
            requests.onResponse(peer, response);
        }
        // HEARTBEAT: the sign of life recorded above is all it carries.
    }

    /**
     * A message from a uid that is no peer: a node this one lost track of (a busy Node peer sends no HEARTBEAT
     * while it sends other messages), or a forged id. Asks every node to say who it is, at most once per
     * heartbeatInterval, so that forged ids cost the cluster at most one heartbeat round per interval.
     */
    private void askForPeers() {
        Instant now = context.clock().instant();
        if (!now.isBefore(lastAsked.plus(context.options().heartbeatInterval()))) {
            lastAsked = now;
            sender.send(InitialHeartbeat.INSTANCE);
        }
    }

    private void onBroadcast(Broadcast broadcast, String requester) {
        String requestId = broadcast.requestId();
        if (requestId == null) {
            local.broadcast(broadcast.packet(), broadcast.opts());
            return;
        }
        Long flagTimeout = broadcast.opts().flags().timeoutMillis();
        Duration timeout = flagTimeout != null ? Duration.ofMillis(flagTimeout) : context.options().requestsTimeout();
        // Acks can come back on any thread before the count is out: queue them behind it on our thread.
        Consumer<@Nullable Object> onAck = ack -> sender.replyLater(new BroadcastAck(requestId, ack), requester);
        int clients = local.broadcastWithAck(broadcast.packet(), broadcast.opts(), timeout, onAck);
        sender.reply(new BroadcastClientCount(requestId, clients), requester);
    }

    private void onServerSideEmit(ServerSideEmit emit, String requester) {
        String requestId = emit.requestId();
        if (requestId == null) {
            local.serverSideEmit(emit.packet(), null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        local.serverSideEmit(emit.packet(), answer -> {
            if (answered.compareAndSet(false, true)) {
                sender.replyLater(new ServerSideEmitResponse(requestId, answer), requester);
            }
        });
    }
}
