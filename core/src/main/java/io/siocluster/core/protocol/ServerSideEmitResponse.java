package io.siocluster.core.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Type 10: one node's answer to a {@link ServerSideEmit} with acknowledgement: the first argument its
 * handler passed to the callback. Wire form {@code {"requestId":"...","packet":value}}. Node omits
 * {@code packet} when the callback got no argument ({@code undefined}); that reads as {@code null}.
 */
public record ServerSideEmitResponse(String requestId, @Nullable Object packet) implements ClusterResponse {

    public ServerSideEmitResponse {
        Objects.requireNonNull(requestId, "requestId");
        packet = Values.freeze(packet);
    }

    // packet may be a byte[]: the generated record equality would compare it by identity
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ServerSideEmitResponse that
                && requestId.equals(that.requestId)
                && Values.deepEquals(packet, that.packet);
    }

    @Override
    public int hashCode() {
        return 31 * requestId.hashCode() + Values.deepHashCode(packet);
    }

    @Override
    public MessageType type() {
        return MessageType.SERVER_SIDE_EMIT_RESPONSE;
    }
}
