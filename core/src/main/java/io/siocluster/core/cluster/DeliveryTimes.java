package io.siocluster.core.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times one namespace's messages from being handed to the outbox until the bus echoes them back to this node, the
 * bus's end-to-end latency measured on one JVM clock (no skew between nodes). Keyed by the message's sequence
 * number; at most {@link #MAX_WAITING} wait, the oldest forgotten first, so that messages whose echo never comes
 * (not published, transport down) cannot grow it. An echo with no start is skipped. Thread-safe.
 */
final class DeliveryTimes {

    static final int MAX_WAITING = 10_000;

    private final TrafficStats traffic;
    private final Map<Long, Long> started = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_WAITING;
        }
    };

    DeliveryTimes(TrafficStats traffic) {
        this.traffic = traffic;
    }

    /** The message numbered {@code seq} was handed to the outbox at {@code startedNanos} ({@link System#nanoTime()}). */
    synchronized void sent(long seq, long startedNanos) {
        started.put(seq, startedNanos);
    }

    /** The bus delivered this node's own message {@code seq} back to it: records its latency, once. */
    void echoed(long seq) {
        long now = System.nanoTime();
        Long start;
        synchronized (this) {
            start = started.remove(seq);
        }
        if (start != null) {
            traffic.countDelivered(now - start);
        }
    }

    /** The message will never come back (its publish failed or was skipped). */
    synchronized void forget(long seq) {
        started.remove(seq);
    }

    /** Messages waiting for their echo now (for tests). */
    synchronized int waiting() {
        return started.size();
    }
}
