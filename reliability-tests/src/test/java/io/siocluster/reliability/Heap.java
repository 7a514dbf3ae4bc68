package io.siocluster.reliability;

/**
 * The heap in use, measured the same way before and after a test's load: after full collections, so what is
 * left is what the program still holds. A sampler thread keeps the peak while the load runs.
 */
final class Heap implements AutoCloseable {

    private static final Runtime RUNTIME = Runtime.getRuntime();

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    private Heap() {
        sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, used());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tck-heap-sampler"); // "tck-" marks test infrastructure
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling the heap in use every 10 ms. */
    static Heap sample() {
        return new Heap();
    }

    /** The most heap seen in use since sampling started, in bytes (garbage not yet collected included). */
    long peak() {
        return Math.max(peak, used());
    }

    /** The heap in use after asking for full collections until it stops shrinking, in bytes. */
    static long usedAfterGc() throws InterruptedException {
        long before = Long.MAX_VALUE;
        long now = used();
        for (int i = 0; i < 10 && now < before; i++) {
            before = now;
            System.gc();
            Thread.sleep(100);
            now = used();
        }
        return Math.min(before, now);
    }

    static long used() {
        return RUNTIME.totalMemory() - RUNTIME.freeMemory();
    }

    static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(1_000);
    }
}
