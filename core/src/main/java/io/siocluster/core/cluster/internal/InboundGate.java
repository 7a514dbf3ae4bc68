package io.siocluster.core.cluster.internal;

import java.util.function.Predicate;

/**
 * Bounds what a node has received but not yet handled (queued for its thread, or waiting for an attachment).
 * When the bound is reached, the transport's delivery thread waits in {@link #enter()}: the backlog stays in
 * the bus (PostgreSQL keeps it in its notification queue) instead of growing this heap. The node's own
 * thread never waits here, since only it can make room.
 */
public final class InboundGate {

    private final int capacity;
    private final Predicate<Thread> isNodeThread;
    private int inside;
    private boolean closed;

    public InboundGate(int capacity, Predicate<Thread> isNodeThread) {
        this.capacity = capacity;
        this.isNodeThread = isNodeThread;
    }

    /** Takes a place, waiting while the node is full (not on the node's thread, nor once closed). */
    public synchronized void enter() {
        boolean interrupted = false;
        while (inside >= capacity && !closed && !isNodeThread.test(Thread.currentThread())) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // keep the message: the transport decides what an interrupt means
                break;
            }
        }
        inside++;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes a place if one is free now (or on the node's thread, or once closed), never waiting; false otherwise. */
    public synchronized boolean tryEnter() {
        if (inside >= capacity && !closed && !isNodeThread.test(Thread.currentThread())) {
            return false;
        }
        inside++;
        return true;
    }

    /** Gives back a place: the message was handled or dropped. */
    public synchronized void leave() {
        inside--;
        notifyAll();
    }

    /** Lets every waiting and later delivery through: the node is closing and handles nothing more. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized int inside() {
        return inside;
    }
}
