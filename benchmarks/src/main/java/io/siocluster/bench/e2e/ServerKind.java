package io.siocluster.bench.e2e;

import java.util.Locale;

/** The servers the benchmark compares: the Node reference, and the Java server with websocket compression off and on. */
enum ServerKind {
    NODE("node", "Node"),
    JAVA_OFF("java-off", "Java, compression off"),
    JAVA_ON("java-on", "Java, compression on");

    private final String id;
    private final String label;

    ServerKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    String id() {
        return id;
    }

    String label() {
        return label;
    }

    boolean isJava() {
        return this != NODE;
    }

    static ServerKind byId(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + id + "': use node, java-off or java-on");
    }
}
