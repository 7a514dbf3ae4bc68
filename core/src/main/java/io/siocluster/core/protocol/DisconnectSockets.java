package io.siocluster.core.protocol;

import java.util.Objects;

/**
 * Type 6: disconnect the sockets matching {@link #opts()}; with {@link #close()} also close their
 * underlying connections. Wire form {@code {"opts":...,"close":bool}}.
 */
public record DisconnectSockets(BroadcastOptions opts, boolean close) implements ClusterMessage {

    public DisconnectSockets {
        Objects.requireNonNull(opts, "opts");
    }

    @Override
    public MessageType type() {
        return MessageType.DISCONNECT_SOCKETS;
    }
}
