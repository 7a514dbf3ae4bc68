package io.siocluster.tck;

import java.util.Set;
import java.util.stream.Collectors;

/** Helpers for the close rules: which threads a transport left running. */
final class LifecycleRules {

    private LifecycleRules() {
    }

    static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** Threads JVM-wide pools start on demand, which no transport owns. */
    static boolean isJvmSharedThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith("ForkJoinPool.commonPool") || name.equals("process reaper")
                || name.startsWith("junit-") || name.startsWith("surefire-") || name.equals("Attach Listener")
                || name.startsWith("awaitility") || name.startsWith("tck-");
    }

    static String describe(Set<Thread> threads) {
        return threads.stream().map(t -> "'" + t.getName() + "'" + (t.isDaemon() ? " (daemon)" : ""))
                .sorted().collect(Collectors.joining(", "));
    }
}
