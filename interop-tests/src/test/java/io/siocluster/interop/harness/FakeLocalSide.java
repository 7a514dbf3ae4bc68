package io.siocluster.interop.harness;

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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A Socket.IO server in miniature for a Java {@code ClusterNode}: fake sockets with ids, rooms and data, which
 * record what reaches them. Matching follows Socket.IO: a socket matches when it is in any of {@code rooms} (or
 * {@code rooms} is empty) and in none of {@code except}; each socket is in the room named after its id.
 * Sockets answer acknowledgements a little later on another thread, as remote clients do.
 */
public final class FakeLocalSide implements LocalSide {

    private static final Executor ACK_LATER = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

    /** One packet delivered to one fake socket. */
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

    /** A disconnection the cluster asked for. */
    public record Disconnection(String socketId, boolean close) {
    }

    /** A fake client connection. */
    public static final class FakeSocket {
        private final String id;
        private final Set<String> rooms = new LinkedHashSet<>();
        private final @Nullable Object data;

        FakeSocket(String id, @Nullable Object data, List<String> rooms) {
            this.id = id;
            this.data = data;
            this.rooms.add(id);
            this.rooms.addAll(rooms);
        }

        public String id() {
            return id;
        }

        /** Its rooms, its own id first. */
        public synchronized List<String> rooms() {
            return List.copyOf(rooms);
        }

        synchronized boolean matches(BroadcastOptions opts) {
            boolean included = opts.rooms().isEmpty() || opts.rooms().stream().anyMatch(rooms::contains);
            return included && opts.except().stream().noneMatch(rooms::contains);
        }

        synchronized void join(List<String> more) {
            rooms.addAll(more);
        }

        synchronized void leave(List<String> left) {
            left.stream().filter(room -> !room.equals(id)).forEach(rooms::remove);
        }
    }

    private final Map<String, FakeSocket> sockets = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<ServerSideEvent> serverSideEvents = new CopyOnWriteArrayList<>();
    private final List<Disconnection> disconnections = new CopyOnWriteArrayList<>();
    private volatile Function<FakeSocket, @Nullable Object> ackReply = socket -> "java:" + socket.id();
    private volatile Function<List<@Nullable Object>, @Nullable Object> serverSideReply = packet -> "java-server";

    /** Connects a fake socket. */
    public synchronized FakeSocket connect(String id, @Nullable Object data, String... rooms) {
        FakeSocket socket = new FakeSocket(id, data, List.of(rooms));
        sockets.put(id, socket);
        return socket;
    }

    public synchronized @Nullable FakeSocket socket(String id) {
        return sockets.get(id);
    }

    /** How each socket answers a broadcast's acknowledgement request; default {@code "java:<id>"}. */
    public void ackReply(Function<FakeSocket, @Nullable Object> reply) {
        this.ackReply = reply;
    }

    /** How the application answers a server-side event with ack; default {@code "java-server"}. */
    public void serverSideReply(Function<List<@Nullable Object>, @Nullable Object> reply) {
        this.serverSideReply = reply;
    }

    /** What reached the socket {@code socketId} under the event name {@code event}. */
    public List<Delivery> delivered(String socketId, String event) {
        List<Delivery> matching = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.socketId().equals(socketId) && event.equals(d.event())) {
                matching.add(d);
            }
        }
        return matching;
    }

    /** The ids of the sockets that received {@code event}, once per delivery. */
    public List<String> receivers(String event) {
        List<String> ids = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (event.equals(d.event())) {
                ids.add(d.socketId());
            }
        }
        return ids;
    }

    /** The server-side events named {@code event} handed to this node. */
    public List<ServerSideEvent> serverSideEvents(String event) {
        List<ServerSideEvent> matching = new ArrayList<>();
        for (ServerSideEvent e : serverSideEvents) {
            if (event.equals(e.event())) {
                matching.add(e);
            }
        }
        return matching;
    }

    public List<Disconnection> disconnections() {
        return List.copyOf(disconnections);
    }

    // ---- LocalSide ------------------------------------------------------------------------------------

    @Override
    public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        List<FakeSocket> targets = matching(opts);
        targets.forEach(socket -> deliveries.add(new Delivery(socket.id(), packet, false)));
        return targets.size();
    }

    @Override
    public int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
            Consumer<@Nullable Object> onAck) {
        List<FakeSocket> targets = matching(opts);
        for (FakeSocket socket : targets) {
            deliveries.add(new Delivery(socket.id(), packet, true));
            ACK_LATER.execute(() -> onAck.accept(ackReply.apply(socket)));
        }
        return targets.size();
    }

    @Override
    public void addSockets(BroadcastOptions opts, List<String> rooms) {
        matching(opts).forEach(socket -> socket.join(rooms));
    }

    @Override
    public void delSockets(BroadcastOptions opts, List<String> rooms) {
        matching(opts).forEach(socket -> socket.leave(rooms));
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        for (FakeSocket socket : matching(opts)) {
            synchronized (this) {
                sockets.remove(socket.id());
            }
            disconnections.add(new Disconnection(socket.id(), close));
        }
    }

    @Override
    public List<SocketDetails> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> details = new ArrayList<>();
        for (FakeSocket socket : matching(opts)) {
            Map<String, @Nullable Object> handshake = new LinkedHashMap<>();
            handshake.put("auth", Map.of());
            handshake.put("query", Map.of("EIO", "4", "transport", "websocket"));
            details.add(new SocketDetails(socket.id(), handshake, socket.rooms(), socket.data));
        }
        return details;
    }

    @Override
    public void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
        serverSideEvents.add(new ServerSideEvent(packet, ack != null));
        if (ack != null) {
            ACK_LATER.execute(() -> ack.accept(serverSideReply.apply(packet)));
        }
    }

    private synchronized List<FakeSocket> matching(BroadcastOptions opts) {
        List<FakeSocket> matching = new ArrayList<>();
        for (FakeSocket socket : sockets.values()) {
            if (socket.matches(opts)) {
                matching.add(socket);
            }
        }
        return matching;
    }
}
