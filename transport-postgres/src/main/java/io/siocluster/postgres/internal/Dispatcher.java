package io.siocluster.postgres.internal;

import io.siocluster.spi.support.NamedThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs listeners when they fall behind, so the listener thread only reads from the
 * socket and hands off (a slow listener must not hold PostgreSQL's shared notification queue), and every
 * subscription sees its messages one at a time, in order.
 *
 * <p>When nothing is queued or running here, {@link #deliver} runs the delivery at once on the calling
 * (listener) thread instead: at low rates the hand-off cost a wake-up of this thread (two context switches)
 * per notification for nothing. Whoever runs a task holds the turn, so tasks never overlap and run in the
 * order they were handed over; once one is queued, the ones after it queue behind it.
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
    private final ReentrantLock turn = new ReentrantLock();
    private final AtomicInteger unfinished = new AtomicInteger(); // queued or running on this thread
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
        enqueue(task);
    }

    private void enqueue(Runnable task) {
        unfinished.incrementAndGet(); // before it is visible: an in-place delivery must not overtake it
        tasks.add(task);
    }

    /**
     * Runs a message delivery at once when the dispatcher is idle, or else queues it, waiting while the
     * dispatcher is full.
     *
     * @return false when the dispatcher closed meanwhile (the message is dropped with the transport)
     */
    boolean deliver(Runnable delivery) throws InterruptedException {
        if (!closed && unfinished.get() == 0 && turn.tryLock()) {
            try {
                if (unfinished.get() == 0) {
                    runLogged(delivery);
                    return true;
                }
            } finally {
                turn.unlock();
            }
        }
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
        enqueue(() -> {
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
                turn.lockInterruptibly(); // an in-place delivery may be running: it came first
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
            try {
                runLogged(task);
            } finally {
                unfinished.decrementAndGet(); // before the turn is free: an in-place delivery may follow now
                turn.unlock();
            }
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("a task on the dispatcher failed", e);
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
