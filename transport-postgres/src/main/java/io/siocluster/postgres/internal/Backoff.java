package io.siocluster.postgres.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(cap, 100 ms * 2^n)}, so nodes that lost the database together do not reconnect in lockstep.
 */
final class Backoff {

    private static final long INITIAL_NANOS = Duration.ofMillis(100).toNanos();

    private final long capNanos;
    private int attempt;

    Backoff(Duration cap) {
        this.capNanos = Math.max(1, cap.toNanos());
    }

    long nextDelayNanos() {
        long ceiling = Math.min(capNanos, INITIAL_NANOS << Math.min(attempt, 30));
        attempt++;
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    void reset() {
        attempt = 0;
    }
}
