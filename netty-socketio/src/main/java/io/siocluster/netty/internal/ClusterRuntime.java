package io.siocluster.netty.internal;

import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.JsonSupport;
import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.spi.Transport;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster while one {@code SocketIOServer} runs: its transport, its node, and one cluster namespace per
 * netty-socketio namespace, opened on first use. Made when the server starts, closed when it stops.
 */
public final class ClusterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRuntime.class);

    /** A namespace on both sides: the cluster's and netty-socketio's. */
    public record Entry(ClusterNamespace cluster, NettyLocalSide local) {
    }

    private final Transport transport;
    private final ClusterNode node;
    private final NamespacesHub hub;
    private final ValueConverter converter;
    private final ServerSideHandlers handlers;
    private final RoomEvents roomEvents;
    private final BooleanSupplier secure;
    private final DispatchForwarder forwarder;
    private final Map<String, Entry> namespaces = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ClusterRuntime(Transport transport, ClusterOptions options, NamespacesHub hub, JsonSupport json,
            ServerSideHandlers handlers, RoomEvents roomEvents, BooleanSupplier secure) {
        this.transport = transport;
        this.node = ClusterNode.start(transport, options);
        this.hub = hub;
        this.converter = new ValueConverter(json);
        this.handlers = handlers;
        this.roomEvents = roomEvents;
        this.secure = secure;
        this.forwarder = new DispatchForwarder(this);
    }

    /** Joins the cluster over {@code transport} (which it closes on {@link #close()}). */
    public static ClusterRuntime start(Transport transport, ClusterOptions options, NamespacesHub hub, JsonSupport json,
            ServerSideHandlers handlers, RoomEvents roomEvents, BooleanSupplier secure) {
        try {
            return new ClusterRuntime(transport, options, hub, json, handlers, roomEvents, secure);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * The namespace of that name ({@code ""}, {@code "/"}, {@code "/chat"} or {@code "chat"}), opened in the
     * cluster on first use.
     *
     * @throws IllegalStateException once the runtime is closed
     */
    public Entry namespace(String name) {
        if (closed) {
            throw new IllegalStateException("the cluster is stopped: start the SocketIOServer first");
        }
        String wire = ChannelNames.wireNamespace(name);
        Entry existing = namespaces.get(wire);
        if (existing != null) {
            return existing;
        }
        return namespaces.computeIfAbsent(wire, w -> {
            NettyLocalSide local = new NettyLocalSide(hub, w, converter, handlers, secure);
            return new Entry(node.namespace(w, local), local);
        });
    }

    public ValueConverter converter() {
        return converter;
    }

    public ClusterNode node() {
        return node;
    }

    public boolean isClosed() {
        return closed;
    }

    DispatchForwarder forwarder() {
        return forwarder;
    }

    /**
     * netty-socketio's report that a socket of namespace {@code nettyNamespace} joined {@code rooms}. Joining the
     * room named after the namespace is netty-socketio's connect: the socket then joins the room named after its
     * id, as in Socket.IO, so that {@code getRoomOperations(id)} and {@code getAllRooms()} know it.
     */
    void joined(@Nullable String nettyNamespace, Set<String> rooms, UUID sessionId) {
        if (nettyNamespace == null) {
            return;
        }
        String wire = ChannelNames.wireNamespace(nettyNamespace);
        namespace(wire); // opens it in the cluster
        String id = sessionId.toString();
        for (String room : rooms) {
            if (!room.equals(nettyNamespace)) {
                roomEvents.joined(wire, room, id);
                continue;
            }
            Namespace joined = hub.get(nettyNamespace);
            if (joined != null) {
                joined.joinRoom(id, sessionId); // reported back here as a join of the id room
            }
        }
    }

    /** netty-socketio's report that a socket of namespace {@code nettyNamespace} left {@code rooms}. */
    void left(@Nullable String nettyNamespace, Set<String> rooms, UUID sessionId) {
        if (nettyNamespace == null) {
            return;
        }
        String wire = ChannelNames.wireNamespace(nettyNamespace);
        String id = sessionId.toString();
        for (String room : rooms) {
            if (!room.equals(nettyNamespace)) {
                roomEvents.left(wire, room, id);
            }
        }
    }

    /** Publishes to the other nodes only: netty-socketio has already delivered to this node's clients. */
    void publishRemote(String namespace, BroadcastPacket packet, BroadcastOptions opts) {
        if (closed) {
            return;
        }
        Entry entry;
        try {
            entry = namespace(namespace);
        } catch (RuntimeException e) {
            LOG.warn("broadcast in namespace '{}' not sent to the other nodes: {}", namespace, e.toString());
            return;
        }
        entry.cluster().forwardToPeers(packet, opts, failure -> LOG.warn(
                "broadcast '{}' in {} did not reach the other nodes: {}", packet.event(), entry.cluster().name(),
                failure.toString()));
    }

    /** Says goodbye on every namespace (ADAPTER_CLOSE), stops the node's thread and closes the transport. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        roomEvents.clear();
        try {
            node.close();
        } finally {
            transport.close();
        }
    }
}
