package io.siocluster.core.protocol;

import java.util.Optional;

/** The {@code type} number of a cluster message, as in {@code socket.io-adapter}'s {@code MessageType}. */
public enum MessageType {
    INITIAL_HEARTBEAT(1),
    HEARTBEAT(2),
    BROADCAST(3),
    SOCKETS_JOIN(4),
    SOCKETS_LEAVE(5),
    DISCONNECT_SOCKETS(6),
    FETCH_SOCKETS(7),
    FETCH_SOCKETS_RESPONSE(8),
    SERVER_SIDE_EMIT(9),
    SERVER_SIDE_EMIT_RESPONSE(10),
    BROADCAST_CLIENT_COUNT(11),
    BROADCAST_ACK(12),
    ADAPTER_CLOSE(13);

    private static final MessageType[] BY_CODE = values();

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The type with this wire number, or empty for numbers this version does not know. */
    public static Optional<MessageType> fromCode(int code) {
        return code >= 1 && code <= BY_CODE.length ? Optional.of(BY_CODE[code - 1]) : Optional.empty();
    }
}
