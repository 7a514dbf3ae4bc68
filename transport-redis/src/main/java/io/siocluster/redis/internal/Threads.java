package io.siocluster.redis.internal;

import java.util.concurrent.ThreadFactory;

/** Daemon threads named {@code sio-<instance>-<role>}: a forgotten close() must not keep the JVM alive. */
final class Threads {

    private Threads() {
    }

    static ThreadFactory named(String instance, String role) {
        String name = "sio-" + instance + "-" + role;
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
