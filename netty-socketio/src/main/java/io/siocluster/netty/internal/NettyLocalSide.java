package io.siocluster.netty.internal;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.siocluster.core.cluster.LocalSide;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One netty-socketio namespace as the cluster sees it. Rooms are netty-socketio's rooms; each socket joins the
 * room named after its id when it connects ({@link ClusterRuntime}), and a room that is a connected socket's id
 * is also looked up as the client of that session, so that it reaches the socket even after it left that room.
 * netty-socketio's room named after the namespace itself, which every client joins, is not reported.
 * A broadcast's clients share one packet per Engine.IO version, so that it is encoded once per event loop
 * (Engine.IO 4 clients; netty-socketio's encoder still encodes per client for Engine.IO 3), and its websocket
 * clients are written with one task per event loop ({@link LoopWrites}); a broadcast with an acknowledgement
 * gives every client its own packet, as each carries its own ack id.
 */
public final class NettyLocalSide implements LocalSide {

    private static final Logger LOG = LoggerFactory.getLogger(NettyLocalSide.class);
    private static final String DATA_KEY_PREFIX = "io.siocluster.data:";

    private final NamespacesHub hub;
    private final String wireName;
    private final String nettyName;
    private final ValueConverter converter;
    private final ServerSideHandlers handlers;
    private final BooleanSupplier secure;

    public NettyLocalSide(NamespacesHub hub, String wireName, ValueConverter converter, ServerSideHandlers handlers,
            BooleanSupplier secure) {
        this.hub = hub;
        this.wireName = wireName;
        this.nettyName = nettyName(wireName);
        this.converter = converter;
        this.handlers = handlers;
        this.secure = secure;
    }

    /** netty-socketio's name of a namespace: {@code ""} for the default one. */
    public static String nettyName(String wireName) {
        return wireName.equals("/") ? "" : wireName;
    }

    /** The key of a socket's {@code data} in its netty-socketio store. */
    public static String dataKey(String nettyNamespace) {
        return DATA_KEY_PREFIX + nettyNamespace;
    }

    /** Every call only queues work on the clients' event loops (or reads their state): safe on the transport's thread. */
    @Override
    public boolean handlesInPlace() {
        return true;
    }

    @Override
    public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        String event = packet.event();
        if (event == null) {
            LOG.debug("broadcast packet without an event name in {} ignored", wireName);
            return 0;
        }
        List<Object> args = Arrays.asList(packet.args().toArray());
        // One packet per Engine.IO version, shared by its clients as netty-socketio's own broadcast does, so that
        // the encoder writes one encoding to all of them (see SharedFrame).
        Map<@Nullable EngineIOVersion, Packet> packets = new HashMap<>(4);
        LoopWrites writes = new LoopWrites();
        int sent = 0;
        for (SocketIOClient client : matching(opts)) {
            if (cannotTakeVolatile(client, opts)) {
                continue;
            }
            if (client instanceof NamespaceClient namespaceClient) {
                Packet shared = packets.computeIfAbsent(client.getEngineIOVersion(), version -> event(event, args, version));
                if (!writes.add(namespaceClient, shared)) {
                    namespaceClient.send(shared);
                }
            } else {
                client.sendEvent(event, args.toArray());
            }
            sent++;
        }
        writes.write();
        return sent;
    }

    /** The packet {@link SocketIOClient#sendEvent(String, Object...)} makes for a client of {@code version}. */
    private static Packet event(String event, List<Object> args, EngineIOVersion version) {
        Packet packet = new Packet(PacketType.MESSAGE, version);
        packet.setSubType(PacketType.EVENT);
        packet.setName(event);
        packet.setData(args);
        return packet;
    }

    @Override
    public int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
            Consumer<@Nullable Object> onAck) {
        String event = packet.event();
        if (event == null) {
            return 0;
        }
        Object[] args = packet.args().toArray();
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        int sent = 0;
        for (SocketIOClient client : matching(opts)) {
            if (cannotTakeVolatile(client, opts)) {
                continue; // dropped, so not counted: nobody waits for its acknowledgement
            }
            client.sendEvent(event, new AckCallback<Object>(Object.class, seconds) {
                @Override
                public void onSuccess(@Nullable Object result) {
                    Object value;
                    try {
                        value = converter.value(result);
                    } catch (RuntimeException e) {
                        LOG.debug("acknowledgement of {} not convertible: {}", client.getSessionId(), e.toString());
                        value = null;
                    }
                    onAck.accept(value);
                }
            }, args);
            sent++;
        }
        return sent;
    }

    /**
     * Socket.IO drops a volatile packet for a client whose transport is not writable now. netty-socketio's
     * {@link SocketIOClient#isWritable()} says the same of the client's current transport channel.
     */
    private static boolean cannotTakeVolatile(SocketIOClient client, BroadcastOptions opts) {
        return opts.flags().isVolatile() && !client.isWritable();
    }

    @Override
    public void addSockets(BroadcastOptions opts, List<String> rooms) {
        for (SocketIOClient client : matching(opts)) {
            String id = client.getSessionId().toString();
            for (String room : rooms) {
                if (!room.equals(id)) {
                    client.joinRoom(room);
                }
            }
        }
    }

    @Override
    public void delSockets(BroadcastOptions opts, List<String> rooms) {
        for (SocketIOClient client : matching(opts)) {
            for (String room : rooms) {
                if (!room.equals(nettyName)) {
                    client.leaveRoom(room);
                }
            }
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        for (SocketIOClient client : matching(opts)) {
            disconnect(client, close);
        }
    }

    /** Socket.IO's {@code socket.disconnect(close)}: leaves the namespace, and with {@code close} the connection. */
    public static void disconnect(SocketIOClient client, boolean close) {
        if (client instanceof NamespaceClient namespaceClient) {
            if (close) {
                namespaceClient.getBaseClient().disconnect();
            } else {
                namespaceClient.disconnect(); // tells the client
                namespaceClient.onDisconnect(); // and forgets it here, as Socket.IO does
            }
        } else {
            client.disconnect();
        }
    }

    @Override
    public List<SocketDetails> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> sockets = new ArrayList<>();
        for (SocketIOClient client : matching(opts)) {
            try {
                sockets.add(describe(client));
            } catch (RuntimeException e) {
                LOG.debug("socket {} left out of fetchSockets: {}", client.getSessionId(), e.toString());
            }
        }
        return sockets;
    }

    @Override
    public void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
        handlers.dispatch(wireName, packet, ack);
    }

    private SocketDetails describe(SocketIOClient client) {
        String id = client.getSessionId().toString();
        List<String> rooms = new ArrayList<>();
        rooms.add(id);
        for (String room : client.getAllRooms()) {
            if (!room.equals(nettyName) && !room.equals(id)) {
                rooms.add(room);
            }
        }
        Object data = client.get(dataKey(nettyName));
        return new SocketDetails(id, Handshakes.toNode(client.getHandshakeData(), secure.getAsBoolean(), converter),
                rooms, data);
    }

    /** The clients matching {@code opts}, each once, in a stable order. */
    Collection<SocketIOClient> matching(BroadcastOptions opts) {
        Namespace namespace = hub.get(nettyName);
        if (namespace == null) {
            return List.of();
        }
        if (opts.rooms().isEmpty() && opts.except().isEmpty()) {
            return namespace.getAllClients(); // each client once already: no copy per broadcast
        }
        Map<UUID, SocketIOClient> selected = new LinkedHashMap<>();
        if (opts.rooms().isEmpty()) {
            for (SocketIOClient client : namespace.getAllClients()) {
                selected.put(client.getSessionId(), client);
            }
        } else {
            for (String room : opts.rooms()) {
                for (SocketIOClient client : inRoom(namespace, room)) {
                    selected.putIfAbsent(client.getSessionId(), client);
                }
            }
        }
        if (!opts.except().isEmpty() && !selected.isEmpty()) {
            Set<UUID> excluded = new HashSet<>();
            for (String room : opts.except()) {
                for (SocketIOClient client : inRoom(namespace, room)) {
                    excluded.add(client.getSessionId());
                }
            }
            selected.keySet().removeAll(excluded);
        }
        return selected.values();
    }

    private static Iterable<SocketIOClient> inRoom(Namespace namespace, String room) {
        UUID id = socketId(room);
        if (id != null) {
            SocketIOClient client = namespace.getClient(id);
            if (client != null) {
                return List.of(client);
            }
        }
        return namespace.getRoomClients(room);
    }

    private static @Nullable UUID socketId(String room) {
        if (room.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(room);
            return id.toString().equals(room) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
