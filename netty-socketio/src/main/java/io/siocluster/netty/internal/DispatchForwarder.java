package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.store.pubsub.DispatchMessage;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ChannelNames;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one netty-socketio DISPATCH into one BROADCAST for the other nodes, at once and on the calling thread.
 *
 * <p>netty-socketio publishes a DISPATCH for each room a {@code BroadcastOperations} call targets, after it has
 * sent the event to this node's clients of that room: {@code getRoomOperations("a", "b")} sends to room
 * {@code a}'s clients and dispatches {@code a}, then does the same for {@code b}, so a client in both rooms
 * receives the event twice. Forwarding each DISPATCH as it is gives the other nodes' clients exactly what this
 * node's clients got. The DISPATCH carries no sign of the call it came from, so merging rooms here would also
 * merge separate calls; the cluster API's {@code to("a", "b").emit(...)} reaches a socket once instead.
 */
final class DispatchForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchForwarder.class);

    private final ClusterRuntime runtime;

    DispatchForwarder(ClusterRuntime runtime) {
        this.runtime = runtime;
    }

    void forward(DispatchMessage message) {
        Packet packet = message.getPacket();
        if (packet == null || packet.getType() != PacketType.MESSAGE || !isEvent(packet.getSubType())
                || packet.getName() == null) {
            LOG.debug("dispatch of a non-event packet not sent to the other nodes: {}", packet);
            return;
        }
        String namespace = message.getNamespace() == null ? "" : message.getNamespace();
        String room = message.getRoom() == null ? namespace : message.getRoom();
        String event = packet.getName();
        List<?> data = packet.getData();
        List<@Nullable Object> args;
        try {
            args = runtime.converter().list(data == null ? List.of() : data);
        } catch (RuntimeException e) {
            LOG.warn("event '{}' not sent to the other nodes: its arguments cannot be converted: {}", event, e.getMessage());
            return;
        }
        // netty-socketio's namespace-wide broadcast targets the room named after the namespace, which every
        // client joins; on the wire that is a broadcast without rooms.
        List<String> rooms = room.equals(namespace) ? List.of() : List.of(room);
        runtime.publishRemote(ChannelNames.wireNamespace(namespace), BroadcastPacket.event(event, args.toArray()),
                new BroadcastOptions(rooms, List.of(), BroadcastFlags.NONE));
    }

    private static boolean isEvent(@Nullable PacketType subType) {
        return subType == PacketType.EVENT || subType == PacketType.BINARY_EVENT;
    }
}
