package io.siocluster.core.cluster;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster asks of the Socket.IO server on this node, for one namespace. A socket matches
 * {@link BroadcastOptions} when it is in any of its rooms (or {@code rooms} is empty) and in none of its
 * {@code except} rooms; every socket is also in a room named after its id. Implementations are
 * thread-safe and never block: they are called on the cluster's thread and on the callers' threads.
 */
public interface LocalSide {

    /** Sends the packet to each matching socket of this node, once each; returns how many. */
    int broadcast(BroadcastPacket packet, BroadcastOptions opts);

    /**
     * Sends the packet to each matching socket, asking for an acknowledgement within {@code timeout};
     * each client's first acknowledgement argument goes to {@code onAck}. Returns how many sockets were sent to.
     */
    int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
            Consumer<@Nullable Object> onAck);

    /** Makes the matching sockets join {@code rooms}. */
    void addSockets(BroadcastOptions opts, List<String> rooms);

    /** Makes the matching sockets leave {@code rooms}. */
    void delSockets(BroadcastOptions opts, List<String> rooms);

    /** Disconnects the matching sockets; {@code close} also closes their underlying connection. */
    void disconnectSockets(BroadcastOptions opts, boolean close);

    /** Describes the matching sockets. */
    List<SocketDetails> fetchSockets(BroadcastOptions opts);

    /**
     * Hands an event another server sent with {@code serverSideEmit} to the application: {@code packet} is
     * the event name and its arguments. With a non-null {@code ack}, the application's answer (one value)
     * goes back to the sender; calling it more than once has no further effect.
     */
    void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack);

    /**
     * Whether a peer's message may be handled on the transport's delivery thread, in place of the cluster's
     * thread while that is idle: it saves a thread hand-off (a wake-up) per inbound message. Say true only
     * when every method but {@link #serverSideEmit} and {@link #disconnectSockets} (which may run application code,
     * and always run on the cluster's thread) returns quickly whatever the load, as netty-socketio's side does by queueing its
     * writes on the event loops. The default, false, always uses the cluster's thread, which lets the
     * transport read ahead up to {@code maxPendingInbound} messages while a call is slow.
     */
    default boolean handlesInPlace() {
        return false;
    }
}
