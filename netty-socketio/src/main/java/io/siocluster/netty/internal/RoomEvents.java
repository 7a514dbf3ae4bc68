package io.siocluster.netty.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket.IO's adapter events for this node's sockets: {@code create-room}, {@code join-room}, {@code leave-room},
 * {@code delete-room}, in Socket.IO's order (create before the first join, delete after the last leave).
 *
 * <p>netty-socketio reports every join and leave (its own, the application's, the cluster's for a remote
 * {@code socketsJoin}) through its pub/sub store after changing its rooms, on whichever thread made the change.
 * This keeps its own membership per namespace, so that a room is created and deleted exactly once even when
 * two threads join it at the same moment. Listeners outlive server restarts; membership does not.
 */
public final class RoomEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RoomEvents.class);

    /** Socket.IO's event names. */
    public static final String CREATE_ROOM = "create-room";
    public static final String DELETE_ROOM = "delete-room";
    public static final String JOIN_ROOM = "join-room";
    public static final String LEAVE_ROOM = "leave-room";

    /** One listener; {@code socketId} is null for {@code create-room} and {@code delete-room}. */
    @FunctionalInterface
    public interface Listener {
        void on(String room, @Nullable String socketId);
    }

    private final Map<String, Map<String, List<Listener>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> members = new ConcurrentHashMap<>();

    /** Registers a listener of {@code event} in the namespace; closing the returned handle removes it. */
    public AutoCloseable add(String wireNamespace, String event, Listener listener) {
        List<Listener> list = listeners.computeIfAbsent(wireNamespace, ns -> new ConcurrentHashMap<>())
                .computeIfAbsent(event, e -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Forgets all membership: the server stopped, its sockets are gone. */
    void clear() {
        members.clear();
    }

    void joined(String wireNamespace, String room, String socketId) {
        Map<String, Set<String>> rooms = members.computeIfAbsent(wireNamespace, ns -> new HashMap<>());
        synchronized (rooms) {
            Set<String> ids = rooms.get(room);
            if (ids == null) {
                ids = new LinkedHashSet<>();
                rooms.put(room, ids);
                fire(wireNamespace, CREATE_ROOM, room, null);
            }
            if (ids.add(socketId)) {
                fire(wireNamespace, JOIN_ROOM, room, socketId);
            }
        }
    }

    void left(String wireNamespace, String room, String socketId) {
        Map<String, Set<String>> rooms = members.get(wireNamespace);
        if (rooms == null) {
            return;
        }
        synchronized (rooms) {
            Set<String> ids = rooms.get(room);
            if (ids == null || !ids.remove(socketId)) {
                return;
            }
            fire(wireNamespace, LEAVE_ROOM, room, socketId);
            if (ids.isEmpty()) {
                rooms.remove(room);
                fire(wireNamespace, DELETE_ROOM, room, null);
            }
        }
    }

    private void fire(String wireNamespace, String event, String room, @Nullable String socketId) {
        for (Listener listener : listeners.getOrDefault(wireNamespace, Map.of()).getOrDefault(event, List.of())) {
            try {
                listener.on(room, socketId);
            } catch (RuntimeException e) {
                LOG.warn("{} listener for room '{}' in {} failed", event, room, wireNamespace, e);
            }
        }
    }
}
