package io.siocluster.netty;

import io.siocluster.core.protocol.EventNames;
import io.siocluster.netty.internal.ClusterRuntime;
import io.siocluster.netty.internal.ServerSideHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of the cluster, as Socket.IO's {@code Namespace}: broadcasts to all its sockets (or, through
 * {@link #to}, {@link #except} and {@link #local()}, to some), and the server-side events between the servers.
 */
public final class NamespaceOperator {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceOperator.class);

    private final ClusterStoreFactory factory;
    private final String name;
    private final BroadcastOperator all;

    NamespaceOperator(ClusterStoreFactory factory, String name, @Nullable Duration timeout) {
        this.factory = factory;
        this.name = name;
        this.all = new BroadcastOperator(factory, name, List.of(), List.of(), false, timeout);
        factory.remember(name);
    }

    /** The namespace as it appears on the wire: {@code "/"} for the default one. */
    public String name() {
        return name;
    }

    public BroadcastOperator to(String... rooms) {
        return all.to(rooms);
    }

    public BroadcastOperator in(String... rooms) {
        return all.in(rooms);
    }

    public BroadcastOperator except(String... rooms) {
        return all.except(rooms);
    }

    /** This node's sockets only. */
    public BroadcastOperator local() {
        return all.local();
    }

    /** {@link BroadcastOperator#asVolatile()} for the whole namespace. */
    public BroadcastOperator asVolatile() {
        return all.asVolatile();
    }

    /** {@link BroadcastOperator#compress(boolean)} for the whole namespace. */
    public BroadcastOperator compress(boolean value) {
        return all.compress(value);
    }

    /** How long acknowledgements and answers are waited for; default the cluster's {@code requestsTimeout}. */
    public NamespaceOperator timeout(Duration timeout) {
        all.timeout(timeout); // validates
        return new NamespaceOperator(factory, name, timeout);
    }

    /** Sends an event to every socket of the namespace, on every node. */
    public CompletionStage<Void> emit(String event, @Nullable Object... args) {
        return all.emit(event, args);
    }

    /** Socket.IO's {@code send}: {@code emit("message", args...)}. */
    public CompletionStage<Void> send(@Nullable Object... args) {
        return all.send(args);
    }

    /** Socket.IO's {@code write}: {@code emit("message", args...)}. */
    public CompletionStage<Void> write(@Nullable Object... args) {
        return all.write(args);
    }

    /** {@link BroadcastOperator#emitWithAck} for every socket of the namespace. */
    public CompletionStage<List<@Nullable Object>> emitWithAck(String event, @Nullable Object... args) {
        return all.emitWithAck(event, args);
    }

    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return all.fetchSockets();
    }

    /** The ids of every socket of the namespace, on every node. */
    public CompletionStage<Set<String>> allSockets() {
        return all.allSockets();
    }

    public CompletionStage<Void> socketsJoin(String... rooms) {
        return all.socketsJoin(rooms);
    }

    public CompletionStage<Void> socketsLeave(String... rooms) {
        return all.socketsLeave(rooms);
    }

    /** Disconnects every socket of the namespace, leaving their connections open. */
    public CompletionStage<Void> disconnectSockets() {
        return all.disconnectSockets();
    }

    public CompletionStage<Void> disconnectSockets(boolean close) {
        return all.disconnectSockets(close);
    }

    /** Sends an event to the other servers' {@link #onServerSideEmit} handlers (not to this server's). */
    public CompletionStage<Void> serverSideEmit(String event, @Nullable Object... args) {
        EventNames.requireEmittable(event);
        return all.withRuntime(runtime -> runtime.namespace(name).cluster().serverSideEmit(packet(runtime, event, args)));
    }

    /**
     * Sends an event to the other servers and completes with one answer from each, in arrival order. Fails with
     * {@link io.siocluster.core.cluster.ClusterTimeoutException}, holding the answers that came, when a server
     * did not answer within the {@link #timeout}. A server that leaves meanwhile is no longer waited for.
     */
    public CompletionStage<List<@Nullable Object>> serverSideEmitWithAck(String event, @Nullable Object... args) {
        EventNames.requireEmittable(event);
        Duration wait = all.effectiveTimeout();
        return all.withRuntime(runtime -> runtime.namespace(name).cluster()
                .serverSideEmitWithAck(packet(runtime, event, args), wait));
    }

    /**
     * Handles {@code event} when another server sends it with {@code serverSideEmit}. Registrations outlive
     * server restarts; close the returned handle to remove it.
     */
    public AutoCloseable onServerSideEmit(String event, ServerSideEmitListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        ServerSideHandlers.Handler handler = (args, ack) -> listener.onEvent(args, new Ack(ack));
        return factory.handlers().add(name, event, handler);
    }

    /**
     * Listens to Socket.IO's adapter event {@code event} ({@code create-room}, {@code join-room}, ...) for this
     * node's sockets of the namespace, whoever made the change: the application, netty-socketio (connects and
     * disconnects) or another node's {@code socketsJoin} / {@code socketsLeave}. Registrations outlive server
     * restarts; close the returned handle to remove it.
     */
    public AutoCloseable onRoomEvent(RoomEvent event, RoomEventListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        return factory.roomEvents().add(name, event.socketIoName(), listener::onRoomEvent);
    }

    /** How many servers serve this namespace, this one included. */
    public CompletionStage<Integer> serverCount() {
        return all.withRuntime(runtime -> runtime.namespace(name).cluster().serverCount());
    }

    /** Completes once this server has joined the namespace's channel and heard from its peers. */
    public CompletionStage<Void> ready() {
        return all.withRuntime(runtime -> runtime.namespace(name).cluster().ready());
    }

    private static List<@Nullable Object> packet(ClusterRuntime runtime, String event, @Nullable Object @Nullable [] args) {
        return BroadcastOperator.packet(runtime, event, args).data();
    }

    @Override
    public String toString() {
        return "NamespaceOperator{" + name + "}";
    }

    /** Converts the answer with the running server's JSON support; only the first answer counts. */
    private final class Ack implements ServerSideAck {
        private final @Nullable Consumer<@Nullable Object> reply;
        private final AtomicBoolean sent = new AtomicBoolean();

        Ack(@Nullable Consumer<@Nullable Object> reply) {
            this.reply = reply;
        }

        @Override
        public boolean isRequested() {
            return reply != null;
        }

        @Override
        public void send(@Nullable Object answer) {
            if (reply == null || !sent.compareAndSet(false, true)) {
                return;
            }
            Object converted;
            try {
                converted = factory.runtime().map(runtime -> runtime.converter().value(answer)).orElse(null);
            } catch (RuntimeException e) {
                LOG.warn("server-side answer not sent: {}", e.getMessage());
                return;
            }
            reply.accept(converted);
        }
    }
}
