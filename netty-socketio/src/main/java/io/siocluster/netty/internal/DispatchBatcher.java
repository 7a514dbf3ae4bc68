package io.siocluster.netty.internal;

import com.corundumstudio.socketio.MultiRoomBroadcastOperations;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.store.pubsub.DispatchMessage;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ChannelNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns netty-socketio's DISPATCH messages into BROADCAST messages for the other nodes.
 *
 * <p>{@code getRoomOperations("a", "b").sendEvent(...)} publishes one DISPATCH per room. On a Netty event loop
 * (where listeners run) the DISPATCHes of one such call are gathered until the current task ends and go out
 * as one BROADCAST to rooms {@code ["a", "b"]}, so a remote client in both rooms gets the event once. On
 * other threads each DISPATCH goes out at once (netty-socketio gives no sign of the call's last room).
 */
final class DispatchBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchBatcher.class);
    private static final String MULTI_ROOM = MultiRoomBroadcastOperations.class.getName();
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final ClusterRuntime runtime;
    private final ThreadLocal<Batch> open = new ThreadLocal<>();

    DispatchBatcher(ClusterRuntime runtime) {
        this.runtime = runtime;
    }

    void dispatch(DispatchMessage message) {
        Packet packet = message.getPacket();
        if (packet == null || packet.getType() != PacketType.MESSAGE || !isEvent(packet.getSubType())) {
            LOG.debug("dispatch of a non-event packet not sent to the other nodes: {}", packet);
            return;
        }
        String namespace = message.getNamespace() == null ? "" : message.getNamespace();
        String room = message.getRoom() == null ? namespace : message.getRoom();
        String event = packet.getName();
        List<Object> data = packet.getData();
        Object[] raw = data == null ? new Object[0] : data.toArray();

        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        boolean gather = loop != null && loop.inEventLoop() && fromMultiRoomCall();
        Batch batch = open.get();
        if (batch != null) {
            if (gather && batch.accepts(namespace, event, raw, room)) {
                batch.add(room);
                return;
            }
            open.remove();
            batch.flush();
        }
        Batch fresh;
        try {
            fresh = new Batch(namespace, event, raw, room, runtime.converter().list(Arrays.asList(raw)));
        } catch (RuntimeException e) {
            LOG.warn("event '{}' not sent to the other nodes: its arguments cannot be converted: {}", event, e.getMessage());
            return;
        }
        if (!gather) {
            fresh.flush();
            return;
        }
        open.set(fresh);
        try {
            loop.execute(() -> {
                if (open.get() == fresh) {
                    open.remove();
                    fresh.flush();
                }
            });
        } catch (RejectedExecutionException e) {
            open.remove(); // the loop is shutting down: send now
            fresh.flush();
        }
    }

    void flushCurrentThread() {
        Batch batch = open.get();
        if (batch != null) {
            open.remove();
            batch.flush();
        }
    }

    private static boolean isEvent(@Nullable PacketType subType) {
        return subType == PacketType.EVENT || subType == PacketType.BINARY_EVENT;
    }

    private static boolean fromMultiRoomCall() {
        return WALKER.walk(frames -> frames.limit(16).anyMatch(f -> f.getClassName().equals(MULTI_ROOM)));
    }

    /** One event on its way out, and the rooms gathered for it. */
    private final class Batch {
        private final String namespace;
        private final @Nullable String event;
        private final Object[] raw;
        private final List<@Nullable Object> args;
        private final Set<String> rooms = new LinkedHashSet<>();
        private boolean wholeNamespace;

        Batch(String namespace, @Nullable String event, Object[] raw, String room, List<@Nullable Object> args) {
            this.namespace = namespace;
            this.event = event;
            this.raw = raw;
            this.args = args;
            add(room);
        }

        void add(String room) {
            if (room.equals(namespace)) {
                wholeNamespace = true; // netty-socketio's namespace-wide broadcast targets the namespace's own room
            } else {
                rooms.add(room);
            }
        }

        /** The same call's next room: same namespace, event and argument objects, a room not seen yet. */
        boolean accepts(String otherNamespace, @Nullable String otherEvent, Object[] otherRaw, String room) {
            if (!namespace.equals(otherNamespace) || event == null || !event.equals(otherEvent)
                    || raw.length != otherRaw.length || rooms.contains(room) || (wholeNamespace && room.equals(namespace))) {
                return false;
            }
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] != otherRaw[i]) {
                    return false;
                }
            }
            return true;
        }

        void flush() {
            if (event == null) {
                return;
            }
            List<String> targets = wholeNamespace ? List.of() : new ArrayList<>(rooms);
            BroadcastOptions opts = new BroadcastOptions(targets, List.of(), BroadcastFlags.NONE);
            runtime.publishRemote(ChannelNames.wireNamespace(namespace),
                    BroadcastPacket.event(event, args.toArray()), opts);
        }
    }
}
