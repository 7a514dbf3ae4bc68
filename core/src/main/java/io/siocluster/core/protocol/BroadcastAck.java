package io.siocluster.core.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Type 12: one client's acknowledgement of a {@link Broadcast} with acknowledgement: the first argument
 * the client passed to its callback. Wire form {@code {"requestId":"...","packet":value}}; a missing
 * {@code packet} (the client acknowledged with no argument) reads as {@code null}.
 */
public record BroadcastAck(String requestId, @Nullable Object packet) implements ClusterResponse {

    public BroadcastAck {
        Objects.requireNonNull(requestId, "requestId");
        packet = Values.freeze(packet);
    }

    // packet may be a byte[]: the generated record equality would compare it by identity
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof BroadcastAck that
                && requestId.equals(that.requestId)
                && Values.deepEquals(packet, that.packet);
    }

    @Override
    public int hashCode() {
        return 31 * requestId.hashCode() + Values.deepHashCode(packet);
    }

    @Override
    public MessageType type() {
        return MessageType.BROADCAST_ACK;
    }
}
