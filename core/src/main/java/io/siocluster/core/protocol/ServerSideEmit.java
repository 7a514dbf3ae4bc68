package io.siocluster.core.protocol;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Type 9: an event for the other servers, {@code packet = [event, ...args]}. With a {@link #requestId()}
 * each node answers with a {@link ServerSideEmitResponse}. Wire form {@code {"packet":[...]}}, or
 * {@code {"requestId":"...","packet":[...]}} with an acknowledgement (Node's key order).
 */
public record ServerSideEmit(List<@Nullable Object> packet, @Nullable String requestId) implements ClusterMessage {

    public ServerSideEmit {
        packet = Values.freezeList(packet);
        if (packet.isEmpty() || !(packet.get(0) instanceof String)) {
            throw new IllegalArgumentException("packet must start with the event name");
        }
    }

    /** An event without acknowledgement. */
    public static ServerSideEmit of(String event, @Nullable Object... args) {
        return new ServerSideEmit(BroadcastPacket.eventData(event, args), null);
    }

    /** An event whose answers come back under {@code requestId}. */
    public static ServerSideEmit withAck(String requestId, String event, @Nullable Object... args) {
        return new ServerSideEmit(BroadcastPacket.eventData(event, args), Objects.requireNonNull(requestId, "requestId"));
    }

    public String event() {
        return (String) Objects.requireNonNull(packet.get(0));
    }

    /** The arguments after the event name. */
    public List<@Nullable Object> args() {
        return packet.subList(1, packet.size());
    }

    public boolean expectsAck() {
        return requestId != null;
    }

    @Override
    public MessageType type() {
        return MessageType.SERVER_SIDE_EMIT;
    }
}
