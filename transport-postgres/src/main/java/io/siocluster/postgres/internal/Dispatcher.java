package io.siocluster.postgres.internal;

import io.siocluster.spi.support.NamedThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs listeners, so the listener thread only reads from the socket and hands off (a
 * slow listener must not hold PostgreSQL's shared notification queue), and every subscription sees its
 * messages one at a time, in order.
 *
 * <p>Message deliveries are bounded: when {@code capacity} are pending, {@link #deliver} waits, which leaves
 * the backlog in PostgreSQL's queue rather than in this heap. Control tasks ({@link #execute}, used for
 * liveness events) never wait, so reporting a state change cannot be held up by slow listeners' backlog
 * beyond the queue order.
 */
final class Dispatcher implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Semaphore messageSlots;
    private final Thread thread;
    private volatile boolean closed;
    private boolean warnedFull;

    Dispatcher(NamedThreads threads, int capacity) {
        this.messageSlots = new Semaphore(capacity);
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    /** Runs a control task in order with the deliveries; never blocks. */
    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("dispatcher closed");
        }
        tasks.add(task);
    }

    /**
     * Queues a message delivery, waiting while the dispatcher is full.
     *
     * @return false when the dispatcher closed meanwhile (the message is dropped with the transport)
     */
    boolean deliver(Runnable delivery) throws InterruptedException {
        while (!messageSlots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
            if (closed) {
                return false;
            }
            if (!warnedFull) {
                warnedFull = true;
                LOG.warn("message listeners are not keeping up: notifications now wait in PostgreSQL's queue");
            }
        }
        if (closed) {
            messageSlots.release();
            return false;
        }
        tasks.add(() -> {
            try {
                delivery.run();
            } finally {
                messageSlots.release();
            }
        });
        return true;
    }

    private void run() {
        while (!closed) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a task on the dispatcher failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (Thread.currentThread() != thread) { // a listener may close the transport from this very thread
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tasks.clear();
    }
}
