package io.siocluster.core.protocol;

import java.util.Objects;
import java.util.Set;

/** The event names Socket.IO reserves for itself, checked in one place for the binding and the emitter. */
public final class EventNames {

    /** Event names Socket.IO reserves; emitting them would confuse clients. */
    public static final Set<String> RESERVED =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private EventNames() {
    }

    /**
     * Returns {@code event} when an application may emit it.
     *
     * @throws IllegalArgumentException for a {@linkplain #RESERVED reserved} name
     */
    public static String requireEmittable(String event) {
        Objects.requireNonNull(event, "event");
        if (RESERVED.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        return event;
    }
}
