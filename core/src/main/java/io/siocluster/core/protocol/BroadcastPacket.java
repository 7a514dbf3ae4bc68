package io.siocluster.core.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Socket.IO packet a {@link Broadcast} carries: {@code {"type":2,"data":[event, ...args]}}. The type
 * stays 2 (EVENT) even when the arguments hold binary: the Socket.IO parser picks BINARY_EVENT only when it
 * encodes for a client. Socket.IO servers send neither {@code nsp} nor {@code id}; the Node emitter adds
 * {@code "nsp"}, which is kept so the packet re-encodes as it came.
 *
 * @param type the Socket.IO packet type, 0 to 6 (servers broadcast EVENT, 2)
 * @param data for an event, the event name followed by its arguments
 * @param nsp the namespace, when the sender put one in the packet
 * @param id the packet id, when the sender put one in the packet
 */
public record BroadcastPacket(int type, List<@Nullable Object> data, @Nullable String nsp, @Nullable Long id) {

    /** Socket.IO's EVENT packet type. */
    public static final int EVENT = 2;

    private static final int MAX_PACKET_TYPE = 6;

    public BroadcastPacket {
        if (type < 0 || type > MAX_PACKET_TYPE) {
            throw new IllegalArgumentException("Socket.IO packet type must be 0 to 6, got " + type);
        }
        data = Values.freezeList(data);
        if (id != null && id < 0) {
            throw new IllegalArgumentException("packet id must not be negative, got " + id);
        }
    }

    /** An EVENT packet {@code {"type":2,"data":[event, ...args]}}. */
    public static BroadcastPacket event(String event, @Nullable Object... args) {
        return new BroadcastPacket(EVENT, eventData(event, args), null, null);
    }

    /** An EVENT packet of {@code event} and the arguments of {@code args}, e.g. after a JSON conversion. */
    public static BroadcastPacket eventWithArgs(String event, List<?> args) {
        return new BroadcastPacket(EVENT, eventData(event, args.toArray()), null, null);
    }

    /** The event name, when the first element of {@link #data()} is a string. */
    public @Nullable String event() {
        return !data.isEmpty() && data.get(0) instanceof String name ? name : null;
    }

    /** The elements after the event name. */
    public List<@Nullable Object> args() {
        return data.isEmpty() ? data : data.subList(1, data.size());
    }

    static List<@Nullable Object> eventData(String event, @Nullable Object[] args) {
        List<@Nullable Object> data = new ArrayList<>(args.length + 1);
        data.add(Objects.requireNonNull(event, "event"));
        data.addAll(Arrays.asList(args));
        return Values.freezeList(data);
    }
}
