package io.siocluster.postgres.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(cap, 100 ms * 2^n)}, so nodes that lost the database together do not reconnect in lockstep.
 *
 * <p>A successful connect does not restart the sequence: only a connection that stayed up for
 * {@link #healthyNanos()} does. Otherwise a server (or a proxy) that accepts a connection and drops it at
 * once would be dialled again every few milliseconds, each round a DOWN / UP_AFTER_GAP pair and a
 * re-announcement by every node.
 */
final class Backoff {

    private static final long INITIAL_NANOS = Duration.ofMillis(100).toNanos();
    private static final long MIN_HEALTHY_NANOS = Duration.ofSeconds(1).toNanos();

    private final long capNanos;
    private final long healthyNanos;
    private int attempt;
    private long connectedAt;

    Backoff(Duration cap) {
        this.capNanos = Math.max(1, cap.toNanos());
        this.healthyNanos = Math.max(MIN_HEALTHY_NANOS, capNanos);
    }

    long nextDelayNanos() {
        long ceiling = Math.min(capNanos, INITIAL_NANOS << Math.min(attempt, 30));
        attempt++;
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    /** How long a connection must live to count as healthy: the cap, and at least a second. */
    long healthyNanos() {
        return healthyNanos;
    }

    /** Whether the current connection has been up for {@link #healthyNanos()} at {@code nanoTime}. */
    boolean healthy(long nanoTime) {
        return nanoTime - connectedAt >= healthyNanos;
    }

    /** A connection was established at {@code nanoTime}. */
    void connected(long nanoTime) {
        connectedAt = nanoTime;
    }

    /**
     * The connection was lost at {@code nanoTime}.
     *
     * @return true when it had been healthy: the sequence starts over and the caller reconnects at once;
     *     false when it died young: the caller waits {@link #nextDelayNanos()} first
     */
    boolean lost(long nanoTime) {
        if (healthy(nanoTime)) {
            attempt = 0;
            return true;
        }
        return false;
    }
}
