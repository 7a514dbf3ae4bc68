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
import java.util.List;
import java.util.Objects;
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

    private final ClusterStoreFactory factory;
    private final String namespace;
    private final List<String> rooms;
    private final List<String> except;
    private final boolean local;
    private final @Nullable Duration timeout;

    BroadcastOperator(ClusterStoreFactory factory, String namespace, List<String> rooms, List<String> except,
            boolean local, @Nullable Duration timeout) {
        this.factory = factory;
        this.namespace = namespace;
        this.rooms = List.copyOf(rooms);
        this.except = List.copyOf(except);
        this.local = local;
        this.timeout = timeout;
    }

    /** Also targets the sockets in {@code rooms}. */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(factory, namespace, Rooms.union(this.rooms, rooms), except, local, timeout);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** Leaves out the sockets in {@code rooms}. */
    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(factory, namespace, this.rooms, Rooms.union(except, rooms), local, timeout);
    }

    /** Only this node's sockets: nothing goes to the other nodes. */
    public BroadcastOperator local() {
        return new BroadcastOperator(factory, namespace, rooms, except, true, timeout);
    }

    /**
     * How long {@link #emitWithAck} and {@link #fetchSockets} wait; without it they wait the cluster's
     * {@code requestsTimeout}.
     */
    public BroadcastOperator timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new BroadcastOperator(factory, namespace, rooms, except, local, timeout);
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
                entry.local().broadcast(packet, options(BroadcastFlags.NONE));
                return CompletableFuture.completedFuture(null);
            }
            return entry.cluster().broadcast(packet, options(BroadcastFlags.NONE));
        });
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
            BroadcastFlags flags = single ? BroadcastFlags.builder().expectSingleResponse(true).build() : BroadcastFlags.NONE;
            BroadcastOptions opts = options(flags);
            if (local) {
                return LocalAcks.broadcast(entry.local(), packet, opts, wait);
            }
            return entry.cluster().broadcastWithAck(packet, opts, wait);
        });
    }

    /** Describes the matching sockets of every node (of this node only with {@link #local()}). */
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
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

    /** Makes the matching sockets join {@code rooms}. */
    public CompletionStage<Void> socketsJoin(String... rooms) {
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

    /** Disconnects the matching sockets; {@code close} also closes their underlying connections. */
    public CompletionStage<Void> disconnectSockets(boolean close) {
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
                + (local ? ", local" : "") + (timeout != null ? ", timeout=" + timeout : "") + "}";
    }
}
