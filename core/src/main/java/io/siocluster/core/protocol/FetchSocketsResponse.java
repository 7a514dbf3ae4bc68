package io.siocluster.core.protocol;

import java.util.List;
import java.util.Objects;

/** Type 8: one node's matching sockets. Wire form {@code {"requestId":"...","sockets":[...]}}. */
public record FetchSocketsResponse(String requestId, List<SocketDetails> sockets) implements ClusterResponse {

    public FetchSocketsResponse {
        Objects.requireNonNull(requestId, "requestId");
        sockets = List.copyOf(sockets);
    }

    @Override
    public MessageType type() {
        return MessageType.FETCH_SOCKETS_RESPONSE;
    }
}
