package io.siocluster.core.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Which sockets an operation targets: {@code {"rooms":[...],"except":[...],"flags":{...}}}. Empty
 * {@code rooms} means the whole namespace; a socket in any {@code except} room is left out. Every socket
 * id is also a room, which is how {@code socket.broadcast} leaves out its sender. The lists keep the
 * sender's order (Node sends JavaScript sets), so a message re-encodes as it came.
 */
public record BroadcastOptions(List<String> rooms, List<String> except, BroadcastFlags flags) {

    /** Every socket of the namespace, no flags. */
    public static final BroadcastOptions ALL = new BroadcastOptions(List.of(), List.of(), BroadcastFlags.NONE);

    public BroadcastOptions {
        rooms = List.copyOf(rooms);
        except = List.copyOf(except);
        Objects.requireNonNull(flags, "flags");
    }

    /** The sockets in any of {@code rooms}. */
    public static BroadcastOptions toRooms(String... rooms) {
        return new BroadcastOptions(List.of(rooms), List.of(), BroadcastFlags.NONE);
    }

    public BroadcastOptions withExcept(String... exceptRooms) {
        return new BroadcastOptions(rooms, List.of(exceptRooms), flags);
    }

    public BroadcastOptions withFlags(BroadcastFlags newFlags) {
        return new BroadcastOptions(rooms, except, newFlags);
    }
}
