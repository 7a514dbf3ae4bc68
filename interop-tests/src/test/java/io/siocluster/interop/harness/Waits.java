package io.siocluster.interop.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** The bounds every interop wait uses. */
public final class Waits {

    /** Long enough for a busy two-core machine; a healthy run needs well under a second. */
    public static final Duration DELIVERY = Duration.ofSeconds(10);

    private Waits() {
    }

    /** Polls every 50 ms for at most {@link #DELIVERY}. */
    public static ConditionFactory eventually() {
        return await().atMost(DELIVERY).pollInterval(Duration.ofMillis(50));
    }

    /** Polls every 100 ms for at most {@code bound}. */
    public static ConditionFactory within(Duration bound) {
        return await().atMost(bound).pollInterval(Duration.ofMillis(100));
    }
}
