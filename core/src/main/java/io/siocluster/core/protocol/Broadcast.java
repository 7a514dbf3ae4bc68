package io.siocluster.core.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Type 3: deliver {@link #packet()} to the sockets that match {@link #opts()} on every node. With a
 * {@link #requestId()} the sender expects acknowledgements: each node answers with a
 * {@link BroadcastClientCount}, then one {@link BroadcastAck} per client acknowledgement.
 *
 * <p>Wire form: {@code {"packet":...,"opts":...}}, or {@code {"packet":...,"requestId":...,"opts":...}}
 * with an acknowledgement (Node's key order).
 */
public record Broadcast(BroadcastPacket packet, BroadcastOptions opts, @Nullable String requestId)
        implements ClusterMessage {

    public Broadcast {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(opts, "opts");
    }

    /** A broadcast that expects no acknowledgement. */
    public static Broadcast of(BroadcastPacket packet, BroadcastOptions opts) {
        return new Broadcast(packet, opts, null);
    }

    /** A broadcast whose clients' acknowledgements come back under {@code requestId}. */
    public static Broadcast withAck(BroadcastPacket packet, BroadcastOptions opts, String requestId) {
        return new Broadcast(packet, opts, Objects.requireNonNull(requestId, "requestId"));
    }

    /** Whether acknowledgements are expected; the presence of a request id says so on the wire. */
    public boolean expectsAck() {
        return requestId != null;
    }

    @Override
    public MessageType type() {
        return MessageType.BROADCAST;
    }
}
