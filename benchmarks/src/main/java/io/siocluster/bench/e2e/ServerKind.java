package io.siocluster.bench.e2e;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The servers the benchmark compares, each on one bus: the Node reference (on {@code @socket.io/postgres-adapter}
 * or {@code @socket.io/redis-streams-adapter}) and the Java server (websocket compression off or on, over the
 * PostgreSQL or the Redis transport, on Redis in its own format or in Node's).
 */
enum ServerKind {
    NODE("node", "Node", false, false, Bus.POSTGRES),
    JAVA_OFF("java-off", "Java, compression off", true, false, Bus.POSTGRES),
    JAVA_ON("java-on", "Java, compression on", true, true, Bus.POSTGRES),
    NODE_REDIS("node-redis", "Node, Redis", false, false, Bus.REDIS),
    JAVA_REDIS("java-redis", "Java, Redis, compression off", true, false, Bus.REDIS),
    /** The Java server on Redis speaking Node's stream entries ({@code WireFormat.REDIS_STREAMS}), as a mixed cluster does. */
    JAVA_REDIS_NODE_WIRE("java-redis-nodewire", "Java, Redis, Node's entries", true, false, Bus.REDIS);

    /** What the two servers of a cluster share. */
    enum Bus {
        POSTGRES, REDIS
    }

    private final String id;
    private final String label;
    private final boolean java;
    private final boolean compression;
    private final Bus bus;

    ServerKind(String id, String label, boolean java, boolean compression, Bus bus) {
        this.id = id;
        this.label = label;
        this.java = java;
        this.compression = compression;
        this.bus = bus;
    }

    String id() {
        return id;
    }

    String label() {
        return label;
    }

    boolean isJava() {
        return java;
    }

    boolean compression() {
        return compression;
    }

    Bus bus() {
        return bus;
    }

    static ServerKind byId(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + id + "': use "
                + Arrays.stream(values()).map(ServerKind::id).collect(Collectors.joining(", ")));
    }
}
