package io.siocluster.spi.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code sio-<instance>-<role>[-n]}, so a leak or a stuck thread is obvious in a dump
 * and tests can find a transport's threads by its instance name. Daemon, because a forgotten
 * {@code close()} must not keep the JVM alive.
 */
public final class NamedThreads implements ThreadFactory {

    private final String name;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();

    private NamedThreads(String name, boolean numbered) {
        this.name = name;
        this.numbered = numbered;
    }

    /** One thread of this role: {@code sio-<instance>-<role>}. */
    public static NamedThreads single(String instance, String role) {
        return new NamedThreads("sio-" + instance + "-" + role, false);
    }

    /** A pool of this role: {@code sio-<instance>-<role>-1}, {@code -2}, ... */
    public static NamedThreads pool(String instance, String role) {
        return new NamedThreads("sio-" + instance + "-" + role, true);
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, numbered ? name + "-" + count.incrementAndGet() : name);
        thread.setDaemon(true);
        return thread;
    }
}
