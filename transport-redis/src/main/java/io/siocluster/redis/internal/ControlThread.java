package io.siocluster.redis.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transport's control thread: one thread that runs connects, command deadlines and the reader's bookkeeping,
 * each task in the control thread's <em>turn</em> (a lock it holds while a task runs). State confined to the
 * control thread may therefore also be handled by another thread that takes the turn while the control thread is
 * idle ({@link #tryRunHere}): a Lettuce thread handling an XREAD answer where it arrived saves two thread
 * wake-ups per read (the hop here and the hop back to write the next XREAD). Only the control thread ever waits
 * for the turn; any other thread that cannot take it at once queues its task instead, so a control task blocked
 * on a Redis answer cannot block the Lettuce thread that must deliver it.
 */
final class ControlThread extends ScheduledThreadPoolExecutor {

    private final ReentrantLock turn = new ReentrantLock();

    ControlThread(ThreadFactory threadFactory) {
        super(1, threadFactory);
        setRemoveOnCancelPolicy(true); // every command's deadline is cancelled when it answers
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        turn.lock();
        super.beforeExecute(thread, task);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        try {
            super.afterExecute(task, failure);
        } finally {
            turn.unlock();
        }
    }

    /**
     * Runs {@code task} on the calling thread, in the control thread's turn, when the turn is free now; false (and
     * nothing run) when a control task holds it, the caller is already in it (no nesting), or the thread has been
     * shut down (the transport is closing: nothing more is done in its name).
     */
    boolean tryRunHere(Runnable task) {
        if (isShutdown() || turn.isHeldByCurrentThread() || !turn.tryLock()) {
            return false;
        }
        try {
            task.run();
        } finally {
            turn.unlock();
        }
        return true;
    }

    /** Runs {@code task} in the turn: here when it is free, else queued for the control thread (dropped once closed). */
    void runHereOrQueue(Runnable task) {
        if (!tryRunHere(task)) {
            queue(task);
        }
    }

    /** Queues {@code task} for the control thread; false (dropped) once it has been shut down. */
    boolean queue(Runnable task) {
        try {
            execute(task);
            return true;
        } catch (RejectedExecutionException closing) {
            return false; // the transport is closing: nothing more is done in its name
        }
    }
}
