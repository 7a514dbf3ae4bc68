package io.siocluster.core.protocol;

import java.util.List;
import java.util.Objects;

/** Type 5: the sockets matching {@link #opts()} leave {@link #rooms()}. Wire form {@code {"opts":...,"rooms":[...]}}. */
public record SocketsLeave(BroadcastOptions opts, List<String> rooms) implements ClusterMessage {

    public SocketsLeave {
        Objects.requireNonNull(opts, "opts");
        rooms = List.copyOf(rooms);
    }

    @Override
    public MessageType type() {
        return MessageType.SOCKETS_LEAVE;
    }
}
