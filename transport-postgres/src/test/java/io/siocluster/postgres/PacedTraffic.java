package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Publishes {@code messages} messages at a steady pace and runs a fault once, just before message
 * {@code faultAt}, on another thread so that the pace holds while the fault runs its SQL. Returns once every
 * publish has completed; fails with the fault's exception.
 */
final class PacedTraffic {

    /** A fault that may throw, such as {@link ListenerFaults#cut}. */
    interface Fault {
        void run() throws Exception;
    }

    private PacedTraffic() {
    }

    static void run(int messages, long periodMicros, int faultAt, Fault fault,
            IntFunction<CompletableFuture<Void>> publish) {
        run(messages, periodMicros, faultAt, fault, publish, false);
    }

    /** As {@link #run}, but a publish may fail (the sender's own outage): its failure is the sender's to count. */
    static void runLenient(int messages, long periodMicros, int faultAt, Fault fault,
            IntFunction<CompletableFuture<Void>> publish) {
        run(messages, periodMicros, faultAt, fault, publish, true);
    }

    private static void run(int messages, long periodMicros, int faultAt, Fault fault,
            IntFunction<CompletableFuture<Void>> publish, boolean failuresAllowed) {
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        ExecutorService faults = Executors.newSingleThreadExecutor();
        try {
            List<CompletableFuture<Void>> published = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            CompletableFuture<Void> allSent = new CompletableFuture<>();
            pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= messages) {
                    allSent.complete(null);
                    throw new IllegalStateException("done"); // ends the schedule
                }
                if (i == faultAt) {
                    CompletableFuture.runAsync(() -> {
                        try {
                            fault.run();
                        } catch (Exception e) {
                            allSent.completeExceptionally(e);
                        }
                    }, faults);
                }
                CompletableFuture<Void> sent = publish.apply(i);
                synchronized (published) {
                    published.add(failuresAllowed ? sent.exceptionally(failure -> null) : sent);
                }
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            join(allSent);
            synchronized (published) {
                join(CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)));
            }
        } finally {
            pace.shutdownNow();
            faults.shutdownNow();
        }
    }
}
