package io.siocluster.inmemory.internal;

import java.util.concurrent.ThreadFactory;

/** Daemon threads with a recognisable name, so a leak shows up in a thread dump. */
public final class NamedThreads implements ThreadFactory {

    private final String name;

    public NamedThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
