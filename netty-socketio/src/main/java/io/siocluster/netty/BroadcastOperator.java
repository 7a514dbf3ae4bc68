package io.siocluster.netty;

import io.siocluster.core.cluster.ClusterTimeoutException;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.EventNames;
import io.siocluster.core.protocol.Rooms;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.netty.internal.ClusterRuntime;
import io.siocluster.netty.internal.LocalAcks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which sockets of a namespace an operation reaches, as Socket.IO's {@code BroadcastOperator}: immutable, each
 * modifier returns a new operator. Sockets in any of the {@link #to} rooms (all sockets when none is given) and
 * in none of the {@link #except} rooms; every socket is also in a room named after its id.
 */
public final class BroadcastOperator {

    private static final String MESSAGE = "message";

    private final ClusterStoreFactory factory;
    private final String namespace;
    private final List<String> rooms;
    private final List<String> except;
    private final boolean local;
    private final @Nullable Duration timeout;
    /** {@code volatile} and {@code compress}, as set by {@link #asVolatile()} and {@link #compress(boolean)}. */
    private final BroadcastFlags modifiers;

    BroadcastOperator(ClusterStoreFactory factory, String namespace, List<String> rooms, List<String> except,
            boolean local, @Nullable Duration timeout) {
        this(factory, namespace, rooms, except, local, timeout, BroadcastFlags.NONE);
    }

    private BroadcastOperator(ClusterStoreFactory factory, String namespace, List<String> rooms, List<String> except,
            boolean local, @Nullable Duration timeout, BroadcastFlags modifiers) {
        this.factory = factory;
        this.namespace = namespace;
        this.rooms = List.copyOf(rooms);
        this.except = List.copyOf(except);
        this.local = local;
        this.timeout = timeout;
        this.modifiers = modifiers;
    }

    /** Also targets the sockets in {@code rooms}. */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(factory, namespace, Rooms.union(this.rooms, rooms), except, local, timeout, modifiers);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** Leaves out the sockets in {@code rooms}. */
    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(factory, namespace, this.rooms, Rooms.union(except, rooms), local, timeout, modifiers);
    }

    /** Only this node's sockets: nothing goes to the other nodes. */
    public BroadcastOperator local() {
        return new BroadcastOperator(factory, namespace, rooms, except, true, timeout, modifiers);
    }

    /**
     * How long {@link #emitWithAck} and {@link #fetchSockets} wait; without it they wait the cluster's
     * {@code requestsTimeout}.
     */
    public BroadcastOperator timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new BroadcastOperator(factory, namespace, rooms, except, local, timeout, modifiers);
    }

    /**
     * Socket.IO's {@code volatile} ({@code volatile} is a Java keyword): the event may be dropped for a client that
     * cannot take it now, here and on every node that honours the flag (Node servers do). On netty-socketio a
     * client cannot take it now when {@link com.corundumstudio.socketio.SocketIOClient#isWritable()} is false: its
     * current transport's channel is missing or above Netty's write-buffer high-water mark (a websocket whose
     * peer reads too slowly; for HTTP long-polling, the connection of the client's last request). With
     * {@link #emitWithAck} a dropped client is not waited for. Only {@link #emit} and {@link #emitWithAck}
     * accept it.
     */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(factory, namespace, rooms, except, local, timeout,
                modifiers.toBuilder().volatileFlag(true).build());
    }

    /**
     * Socket.IO's {@code compress(value)}, carried to every node in the broadcast flags (a Node server honours it
     * per packet when its websocket has {@code perMessageDeflate} on). netty-socketio has no per-packet choice:
     * its websocket frames are deflated or not per connection ({@code Configuration.setWebsocketCompression},
     * on by default) and polling responses per {@code setHttpCompression}, so on this node's clients the flag
     * changes nothing. Only {@link #emit} and {@link #emitWithAck} accept it.
     */
    public BroadcastOperator compress(boolean value) {
        return new BroadcastOperator(factory, namespace, rooms, except, local, timeout,
                modifiers.toBuilder().compress(value).build());
    }

    /** The namespace, as it appears on the wire ({@code "/"} for the default one). */
    public String namespace() {
        return namespace;
    }

    /** Sends an event to the matching sockets; completes once it is handed to the other nodes. */
    public CompletionStage<Void> emit(String event, @Nullable Object... args) {
        EventNames.requireEmittable(event);
        return withRuntime(runtime -> {
            BroadcastPacket packet = packet(runtime, event, args);
            ClusterRuntime.Entry entry = runtime.namespace(namespace);
            if (local) {
                entry.local().broadcast(packet, options(modifiers));
                return CompletableFuture.completedFuture(null);
            }
            return entry.cluster().broadcast(packet, options(modifiers));
        });
    }

    /** Socket.IO's {@code send}: {@code emit("message", args...)}. */
    public CompletionStage<Void> send(@Nullable Object... args) {
        return emit(MESSAGE, args);
    }

    /** Socket.IO's {@code write}: {@code emit("message", args...)}. */
    public CompletionStage<Void> write(@Nullable Object... args) {
        return emit(MESSAGE, args);
    }

    /**
     * Sends an event to the matching sockets and completes with every client's acknowledgement (its first
     * argument), in arrival order. Fails with {@link ClusterTimeoutException}, which holds the acknowledgements
     * that did arrive, when not all came within the {@link #timeout}.
     */
    public CompletionStage<List<@Nullable Object>> emitWithAck(String event, @Nullable Object... args) {
        return emitWithAck(event, args, false);
    }

    CompletionStage<@Nullable Object> emitWithSingleAck(String event, @Nullable Object[] args) {
        return emitWithAck(event, args, true).thenApply(acks -> {
            if (acks.isEmpty()) {
                throw new ClusterTimeoutException("socket " + rooms + " is not connected", acks, 1);
            }
            return acks.get(0);
        });
    }

    private CompletionStage<List<@Nullable Object>> emitWithAck(String event, @Nullable Object @Nullable [] args,
            boolean single) {
        EventNames.requireEmittable(event);
        Duration wait = effectiveTimeout();
        return withRuntime(runtime -> {
            BroadcastPacket packet = packet(runtime, event, args);
            ClusterRuntime.Entry entry = runtime.namespace(namespace);
            BroadcastFlags flags = single ? modifiers.toBuilder().expectSingleResponse(true).build() : modifiers;
            BroadcastOptions opts = options(flags);
            if (local) {
                return LocalAcks.broadcast(entry.local(), packet, opts, wait);
            }
            return entry.cluster().broadcastWithAck(packet, opts, wait);
        });
    }

    /** Describes the matching sockets of every node (of this node only with {@link #local()}). */
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        checkNoModifiers("fetchSockets");
        return withRuntime(runtime -> {
            ClusterRuntime.Entry entry = runtime.namespace(namespace);
            BroadcastFlags flags = timeout == null ? BroadcastFlags.NONE
                    : BroadcastFlags.builder().timeoutMillis(timeout.toMillis()).build();
            BroadcastOptions opts = options(flags);
            CompletionStage<List<SocketDetails>> found = local
                    ? CompletableFuture.completedFuture(entry.local().fetchSockets(opts))
                    : entry.cluster().fetchSockets(opts);
            BroadcastOperator owner = new BroadcastOperator(factory, namespace, List.of(), List.of(), false, timeout);
            return found.thenApply(sockets -> RemoteSocket.of(owner, sockets));
        });
    }

    /** Socket.IO's {@code allSockets()}: the ids of the matching sockets of every node, from {@link #fetchSockets}. */
    public CompletionStage<Set<String>> allSockets() {
        return fetchSockets().thenApply(sockets -> {
            Set<String> ids = new LinkedHashSet<>();
            sockets.forEach(socket -> ids.add(socket.id()));
            return Collections.unmodifiableSet(ids);
        });
    }

    /** Makes the matching sockets join {@code rooms}. */
    public CompletionStage<Void> socketsJoin(String... rooms) {
        checkNoModifiers("socketsJoin");
        List<String> targets = roomList(rooms);
        return withRuntime(runtime -> {
            ClusterRuntime.Entry entry = runtime.namespace(namespace);
            if (local) {
                entry.local().addSockets(options(BroadcastFlags.NONE), targets);
                return CompletableFuture.completedFuture(null);
            }
            return entry.cluster().socketsJoin(options(BroadcastFlags.NONE), targets);
        });
    }

    /** Makes the matching sockets leave {@code rooms}. */
    public CompletionStage<Void> socketsLeave(String... rooms) {
        checkNoModifiers("socketsLeave");
        List<String> targets = roomList(rooms);
        return withRuntime(runtime -> {
            ClusterRuntime.Entry entry = runtime.namespace(namespace);
            if (local) {
                entry.local().delSockets(options(BroadcastFlags.NONE), targets);
                return CompletableFuture.completedFuture(null);
            }
            return entry.cluster().socketsLeave(options(BroadcastFlags.NONE), targets);
        });
    }

    /** Disconnects the matching sockets from the namespace, leaving their connections open. */
    public CompletionStage<Void> disconnectSockets() {
        return disconnectSockets(false);
    }

    /** Disconnects the matching sockets; {@code close} also closes their underlying connections. */
    public CompletionStage<Void> disconnectSockets(boolean close) {
        checkNoModifiers("disconnectSockets");
        return withRuntime(runtime -> {
            ClusterRuntime.Entry entry = runtime.namespace(namespace);
            if (local) {
                entry.local().disconnectSockets(options(BroadcastFlags.NONE), close);
                return CompletableFuture.completedFuture(null);
            }
            return entry.cluster().disconnectSockets(options(BroadcastFlags.NONE), close);
        });
    }

    Duration effectiveTimeout() {
        return timeout != null ? timeout : factory.options().requestsTimeout();
    }

    /** Runs {@code operation} on the running cluster. */
    <T> CompletionStage<T> withRuntime(Function<ClusterRuntime, CompletionStage<T>> operation) {
        ClusterRuntime runtime = factory.runtime().orElse(null);
        if (runtime == null || runtime.isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the cluster is stopped: start the SocketIOServer first"));
        }
        try {
            return operation.apply(runtime);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e); // stopped meanwhile
        }
    }

    /** The event packet, its arguments converted with the running server's JSON support. */
    static BroadcastPacket packet(ClusterRuntime runtime, String event, @Nullable Object @Nullable [] args) {
        return BroadcastPacket.eventWithArgs(event, args == null ? List.of() : runtime.converter().list(Arrays.asList(args)));
    }

    /**
     * Socket.IO passes {@code volatile} and {@code compress} to these operations and ignores them there; here they
     * fail instead, so that a modifier never looks applied when it is not.
     */
    private void checkNoModifiers(String operation) {
        if (!modifiers.isEmpty()) {
            throw new IllegalStateException(operation + " does not take volatile or compress (set: "
                    + modifiers.asWireMap() + "): they apply to emit and emitWithAck only");
        }
    }

    private BroadcastOptions options(BroadcastFlags flags) {
        return new BroadcastOptions(rooms, except, flags);
    }

    private static List<String> roomList(String... rooms) {
        List<String> list = new ArrayList<>(rooms.length);
        for (String room : rooms) {
            list.add(Objects.requireNonNull(room, "room"));
        }
        return list;
    }

    @Override
    public String toString() {
        return "BroadcastOperator{namespace=" + namespace + ", rooms=" + rooms + ", except=" + except
                + (local ? ", local" : "") + (timeout != null ? ", timeout=" + timeout : "")
                + (modifiers.isEmpty() ? "" : ", flags=" + modifiers.asWireMap()) + "}";
    }
}
