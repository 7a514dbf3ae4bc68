package io.siocluster.netty;

import io.siocluster.netty.internal.RoomEvents;

/** Socket.IO's adapter events, which {@link NamespaceOperator#onRoomEvent} listens to. */
public enum RoomEvent {
    /** A room got its first socket on this node; the listener gets no socket id. */
    CREATE_ROOM(RoomEvents.CREATE_ROOM),
    /** A socket of this node joined a room (Socket.IO fires it after {@link #CREATE_ROOM} for a new room). */
    JOIN_ROOM(RoomEvents.JOIN_ROOM),
    /** A socket of this node left a room, or disconnected while in it. */
    LEAVE_ROOM(RoomEvents.LEAVE_ROOM),
    /** A room lost its last socket on this node (after its {@link #LEAVE_ROOM}); the listener gets no socket id. */
    DELETE_ROOM(RoomEvents.DELETE_ROOM);

    private final String socketIoName;

    RoomEvent(String socketIoName) {
        this.socketIoName = socketIoName;
    }

    /** The name Socket.IO gives the event, e.g. {@code "join-room"}. */
    public String socketIoName() {
        return socketIoName;
    }
}
