package io.siocluster.tck.cluster;

import io.siocluster.core.cluster.LocalSide;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A Socket.IO server in miniature for one node: a table of fake sockets with ids and rooms, kept to
 * {@link LocalSide}'s rules exactly (every socket id is also a room; empty {@code rooms} means every socket;
 * {@code except} rooms leave sockets out; each matching socket counts once). It records what each socket was
 * sent, in order, and the server-side events the node was handed; clients acknowledge and the application
 * answers through functions a test may replace, at once by default or later through {@link #answerOn}.
 * Thread-safe; callbacks run outside its lock. Used by the cluster kits and by the interop tests.
 */
public final class FakeLocalSide implements LocalSide {

    /** One packet delivered to one fake socket, and whether an acknowledgement was asked for. */
    public record Delivery(String socketId, BroadcastPacket packet, boolean withAck) {

        public @Nullable String event() {
            return packet.event();
        }

        public List<@Nullable Object> args() {
            return packet.args();
        }
    }

    /** A server-side event the node handed to the application, and whether the sender wanted an answer. */
    public record ServerSideEvent(List<@Nullable Object> packet, boolean withAck) {

        public @Nullable Object event() {
            return packet.isEmpty() ? null : packet.get(0);
        }

        public List<@Nullable Object> args() {
            return packet.subList(1, packet.size());
        }
    }

    private static final class Socket {
        final String id;
        final Map<String, @Nullable Object> handshake;
        final @Nullable Object data;
        final Set<String> rooms = new LinkedHashSet<>();

        Socket(String id, Map<String, @Nullable Object> handshake, @Nullable Object data) {
            this.id = id;
            this.handshake = handshake;
            this.data = data;
        }

        boolean matches(BroadcastOptions opts) {
            boolean inRooms = opts.rooms().isEmpty() || opts.rooms().stream().anyMatch(this::isIn);
            return inRooms && opts.except().stream().noneMatch(this::isIn);
        }

        boolean isIn(String room) {
            return id.equals(room) || rooms.contains(room);
        }

        SocketDetails details() {
            List<String> all = new ArrayList<>();
            all.add(id);
            all.addAll(rooms);
            return new SocketDetails(id, handshake, all, data);
        }
    }

    private final String node;
    private final Map<String, Socket> sockets = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<ServerSideEvent> serverSideEvents = new ArrayList<>();
    private final List<String> disconnects = new ArrayList<>();
    private final List<BroadcastOptions> broadcastOptions = new ArrayList<>();
    private BiFunction<String, BroadcastPacket, Optional<Object>> acks;
    private Function<List<@Nullable Object>, Optional<Object>> answers;
    private Executor answering = Runnable::run;

    /** @param node a name for this node, used in default acknowledgements and answers */
    public FakeLocalSide(String node) {
        this.node = node;
        this.acks = (socket, packet) -> Optional.of("ack:" + socket);
        this.answers = packet -> Optional.of("answer:" + node);
    }

    public String node() {
        return node;
    }

    /** Adds a socket with a handshake and data derived from its id. */
    public FakeLocalSide addSocket(String id, String... rooms) {
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("user", id);
        data.put("score", 42);
        data.put("tags", List.of("x", 1.5, true));
        return addSocket(id, defaultHandshake(node, id), data, rooms);
    }

    /** A handshake as Node's Socket.IO describes one, with a header naming the node. */
    public static Map<String, @Nullable Object> defaultHandshake(String node, String id) {
        Map<String, @Nullable Object> handshake = new LinkedHashMap<>();
        handshake.put("headers", Map.of("host", "localhost:3000", "x-node", node));
        handshake.put("time", "Thu Jan 01 2026 00:00:00 GMT+0000");
        handshake.put("address", "10.0.0.7");
        handshake.put("xdomain", false);
        handshake.put("secure", true);
        handshake.put("issued", 1_767_225_600_000L);
        handshake.put("url", "/socket.io/?EIO=4&transport=websocket");
        handshake.put("query", Map.of("EIO", "4", "transport", "websocket"));
        handshake.put("auth", Map.of("token", "t-" + id));
        return handshake;
    }

    public synchronized FakeLocalSide addSocket(String id, Map<String, @Nullable Object> handshake,
            @Nullable Object data, String... rooms) {
        Socket socket = new Socket(id, handshake, data);
        socket.rooms.addAll(List.of(rooms));
        sockets.put(id, socket);
        return this;
    }

    /** How clients acknowledge a broadcast with ack: empty means the client never answers. */
    public synchronized void answerAcksWith(BiFunction<String, BroadcastPacket, Optional<Object>> acks) {
        this.acks = acks;
    }

    /** How the application answers a server-side event with ack: empty means it never answers. */
    public synchronized void answerServerSideEmitWith(Function<List<@Nullable Object>, Optional<Object>> answers) {
        this.answers = answers;
    }

    /**
     * Where acknowledgements and answers are given: by default at once on the delivering thread, before the
     * count of reached sockets is out (the harshest order for the cluster); a delayed executor makes them
     * arrive later on another thread, as remote clients' do.
     */
    public synchronized void answerOn(Executor executor) {
        this.answering = executor;
    }

    // ---- what a test inspects ----------------------------------------------------------------------

    /** The ids of the connected sockets, in the order they were added. */
    public synchronized List<String> socketIds() {
        return List.copyOf(sockets.keySet());
    }

    /** What a socket was sent, in order (also for a socket disconnected since). */
    public synchronized List<BroadcastPacket> received(String socketId) {
        return deliveries.stream().filter(d -> d.socketId().equals(socketId)).map(Delivery::packet).toList();
    }

    /** What reached the socket {@code socketId} under the event name {@code event}, in order. */
    public synchronized List<Delivery> delivered(String socketId, String event) {
        return deliveries.stream().filter(d -> d.socketId().equals(socketId) && event.equals(d.event())).toList();
    }

    /** The ids of the sockets that received {@code event}, once per delivery, in order. */
    public synchronized List<String> receivers(String event) {
        return deliveries.stream().filter(d -> event.equals(d.event())).map(Delivery::socketId).toList();
    }

    /** A connected socket's rooms, without its own id. */
    public synchronized Set<String> rooms(String socketId) {
        Socket socket = sockets.get(socketId);
        return socket == null ? Set.of() : Set.copyOf(socket.rooms);
    }

    /** The connected sockets as fetchSockets describes them. */
    public synchronized List<SocketDetails> details() {
        return sockets.values().stream().map(Socket::details).toList();
    }

    /** The options of every broadcast this node was asked to deliver, in order. */
    public synchronized List<BroadcastOptions> broadcastOptions() {
        return List.copyOf(broadcastOptions);
    }

    /** Disconnections in order, as {@code "<id>:close"} or {@code "<id>:keep"}. */
    public synchronized List<String> disconnects() {
        return List.copyOf(disconnects);
    }

    /** The server-side events this node was handed, in order: event name and arguments. */
    public synchronized List<List<@Nullable Object>> serverSideEvents() {
        return serverSideEvents.stream().map(ServerSideEvent::packet).toList();
    }

    /** The server-side events named {@code event} this node was handed, in order. */
    public synchronized List<ServerSideEvent> serverSideEvents(String event) {
        return serverSideEvents.stream().filter(e -> event.equals(e.event())).toList();
    }

    // ---- LocalSide ---------------------------------------------------------------------------------

    @Override
    public synchronized int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        return deliver(packet, opts, false).size();
    }

    @Override
    public int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
            Consumer<@Nullable Object> onAck) {
        List<String> reached;
        BiFunction<String, BroadcastPacket, Optional<Object>> answer;
        Executor executor;
        synchronized (this) {
            reached = deliver(packet, opts, true);
            answer = acks;
            executor = answering;
        }
        for (String socket : reached) {
            executor.execute(() -> answer.apply(socket, packet).ifPresent(onAck));
        }
        return reached.size();
    }

    @Override
    public synchronized void addSockets(BroadcastOptions opts, List<String> rooms) {
        matching(opts).forEach(socket -> socket.rooms.addAll(rooms));
    }

    @Override
    public synchronized void delSockets(BroadcastOptions opts, List<String> rooms) {
        matching(opts).forEach(socket -> rooms.forEach(socket.rooms::remove));
    }

    @Override
    public synchronized void disconnectSockets(BroadcastOptions opts, boolean close) {
        for (Socket socket : matching(opts)) {
            sockets.remove(socket.id);
            disconnects.add(socket.id + (close ? ":close" : ":keep"));
        }
    }

    @Override
    public synchronized List<SocketDetails> fetchSockets(BroadcastOptions opts) {
        return matching(opts).stream().map(Socket::details).toList();
    }

    @Override
    public void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
        Function<List<@Nullable Object>, Optional<Object>> answer;
        Executor executor;
        synchronized (this) {
            serverSideEvents.add(new ServerSideEvent(packet, ack != null));
            answer = answers;
            executor = answering;
        }
        if (ack != null) {
            executor.execute(() -> answer.apply(packet).ifPresent(ack));
        }
    }

    private List<Socket> matching(BroadcastOptions opts) {
        return sockets.values().stream().filter(socket -> socket.matches(opts)).toList();
    }

    private List<String> deliver(BroadcastPacket packet, BroadcastOptions opts, boolean withAck) {
        broadcastOptions.add(opts);
        List<String> reached = new ArrayList<>();
        for (Socket socket : matching(opts)) {
            deliveries.add(new Delivery(socket.id, packet, withAck));
            reached.add(socket.id);
        }
        return reached;
    }

    @Override
    public String toString() {
        return "FakeLocalSide[" + node + "]";
    }
}
