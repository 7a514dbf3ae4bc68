package io.siocluster.netty;

import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A socket that {@code fetchSockets()} found, on this node or another, as Socket.IO's {@code RemoteSocket}: a
 * snapshot of its id, handshake, rooms and data, and operations that reach it wherever it is.
 */
public final class RemoteSocket {

    private final BroadcastOperator self;
    private final SocketDetails details;

    RemoteSocket(BroadcastOperator namespace, SocketDetails details) {
        this.details = details;
        this.self = namespace.to(details.id());
    }

    private RemoteSocket(BroadcastOperator self, SocketDetails details, boolean unused) {
        this.self = self;
        this.details = details;
    }

    /** The socket's id: its netty-socketio session id as text. */
    public String id() {
        return details.id();
    }

    /**
     * The handshake as Node reports it: {@code headers}, {@code time}, {@code address}, {@code xdomain},
     * {@code secure}, {@code issued}, {@code url}, {@code query}, {@code auth}.
     */
    public Map<String, @Nullable Object> handshake() {
        return details.handshake();
    }

    /** The rooms the socket was in, its own id first. */
    public Set<String> rooms() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(details.rooms()));
    }

    /** The socket's data ({@link SocketIOCluster#setSocketData}), or null. */
    public @Nullable Object data() {
        return details.data();
    }

    /** A copy whose {@link #emitWithAck} waits {@code timeout}. */
    public RemoteSocket timeout(Duration timeout) {
        return new RemoteSocket(self.timeout(timeout), details, true);
    }

    /** Sends an event to this socket. */
    public CompletionStage<Void> emit(String event, @Nullable Object... args) {
        return self.emit(event, args);
    }

    /**
     * Sends an event to this socket and completes with its acknowledgement (its first argument). Fails with
     * {@link io.siocluster.core.cluster.ClusterTimeoutException} when none came in time (default: the
     * cluster's {@code requestsTimeout}).
     */
    public CompletionStage<@Nullable Object> emitWithAck(String event, @Nullable Object... args) {
        return self.emitWithSingleAck(event, args);
    }

    /** Makes the socket join {@code rooms}. */
    public CompletionStage<Void> join(String... rooms) {
        return self.socketsJoin(rooms);
    }

    /** Makes the socket leave {@code rooms}. */
    public CompletionStage<Void> leave(String... rooms) {
        return self.socketsLeave(rooms);
    }

    /** Disconnects the socket from the namespace, leaving its connection open. */
    public CompletionStage<Void> disconnect() {
        return disconnect(false);
    }

    /** Disconnects the socket; {@code close} also closes its underlying connection. */
    public CompletionStage<Void> disconnect(boolean close) {
        return self.disconnectSockets(close);
    }

    /** The details as the cluster protocol carries them. */
    public SocketDetails details() {
        return details;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RemoteSocket that && details.equals(that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(details);
    }

    @Override
    public String toString() {
        return "RemoteSocket{id=" + id() + ", rooms=" + details.rooms() + "}";
    }

    static List<RemoteSocket> of(BroadcastOperator namespace, List<SocketDetails> sockets) {
        return sockets.stream().map(details -> new RemoteSocket(namespace, details)).toList();
    }
}
