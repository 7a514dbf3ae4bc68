package io.siocluster.core.cluster.internal;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's one thread, plus the right for another thread to act as the node's thread while the node has
 * nothing to do. Whoever runs node work holds the node's turn (a lock): the thread for each task it runs,
 * or a caller of {@link #runIfIdle} for the task it runs in place. So node work stays serial and each run
 * sees everything earlier runs did, whichever thread ran them.
 *
 * <p>Why: at low rates every inbound message used to cost a wake-up of the node's thread (a futex wake and
 * two context switches) just to be handed over, on top of the transport's own thread. Running it on the
 * transport's thread when the node is idle removes that hand-off; when anything is queued or running,
 * the message queues as before, behind it.
 */
public final class NodeExecutor extends ScheduledThreadPoolExecutor {

    private final ReentrantLock turn = new ReentrantLock();

    /** @param threadName the name of the node's thread */
    public NodeExecutor(String threadName) {
        super(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true); // cancelled request timeouts leave the queue at once, not when due
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        turn.lock();
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        turn.unlock();
    }

    /**
     * Runs {@code task} on the calling thread, as node work, when the node is idle: nothing running, nothing
     * due in its queue, not shut down, and the caller is not already running node work (no nesting: a task
     * that triggers more node work queues it). A task the node's thread has just taken from its queue but
     * not yet started may then run after this one: it came from another source (a timer, a reply, another
     * sender), with no order to keep; a sender's next message is only ready once its previous one was handled.
     *
     * @return false, without running it, when the node is not idle: queue the task instead
     */
    public boolean runIfIdle(Runnable task) {
        if (turn.isHeldByCurrentThread() || isShutdown() || hasDueTask() || !turn.tryLock()) {
            return false;
        }
        try {
            if (hasDueTask()) {
                return false; // queued between the check and the lock: it goes first
            }
            task.run();
            return true;
        } finally {
            turn.unlock();
        }
    }

    /** Whether the calling thread is running node work now (on the node's thread or in place). */
    public boolean inTurn() {
        return turn.isHeldByCurrentThread();
    }

    /** A queued task whose time has come (timers not yet due do not count). */
    private boolean hasDueTask() {
        Runnable head = getQueue().peek();
        return head instanceof Delayed delayed && delayed.getDelay(TimeUnit.NANOSECONDS) <= 0;
    }
}
