package io.siocluster.core.protocol;

import java.util.Objects;

/**
 * Type 11: how many local clients one node sent an acknowledged {@link Broadcast} to, so the requester
 * knows how many {@link BroadcastAck}s to wait for. Wire form {@code {"requestId":"...","clientCount":n}}.
 */
public record BroadcastClientCount(String requestId, int clientCount) implements ClusterResponse {

    public BroadcastClientCount {
        Objects.requireNonNull(requestId, "requestId");
        if (clientCount < 0) {
            throw new IllegalArgumentException("clientCount must not be negative, got " + clientCount);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.BROADCAST_CLIENT_COUNT;
    }
}
