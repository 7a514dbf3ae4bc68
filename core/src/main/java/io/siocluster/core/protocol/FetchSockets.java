package io.siocluster.core.protocol;

import java.util.Objects;

/**
 * Type 7: describe the sockets matching {@link #opts()}; each node answers with a
 * {@link FetchSocketsResponse}. Wire form {@code {"opts":...,"requestId":"..."}}.
 */
public record FetchSockets(BroadcastOptions opts, String requestId) implements ClusterMessage {

    public FetchSockets {
        Objects.requireNonNull(opts, "opts");
        Objects.requireNonNull(requestId, "requestId");
    }

    @Override
    public MessageType type() {
        return MessageType.FETCH_SOCKETS;
    }
}
