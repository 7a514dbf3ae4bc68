package io.siocluster.core.protocol;

import java.util.List;
import java.util.Objects;

/** Type 4: the sockets matching {@link #opts()} join {@link #rooms()}. Wire form {@code {"opts":...,"rooms":[...]}}. */
public record SocketsJoin(BroadcastOptions opts, List<String> rooms) implements ClusterMessage {

    public SocketsJoin {
        Objects.requireNonNull(opts, "opts");
        rooms = List.copyOf(rooms);
    }

    @Override
    public MessageType type() {
        return MessageType.SOCKETS_JOIN;
    }
}
