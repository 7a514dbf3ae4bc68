package io.siocluster.netty;

import org.jspecify.annotations.Nullable;

/**
 * Told of a {@link RoomEvent} on this node, on the thread that changed the room (often a Netty event loop: do not
 * block). Called for every socket's own id room too, as Socket.IO does.
 */
@FunctionalInterface
public interface RoomEventListener {

    /** {@code socketId} is null for {@link RoomEvent#CREATE_ROOM} and {@link RoomEvent#DELETE_ROOM}. */
    void onRoomEvent(String room, @Nullable String socketId);
}
