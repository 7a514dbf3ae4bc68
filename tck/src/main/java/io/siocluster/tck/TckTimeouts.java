package io.siocluster.tck;

import java.time.Duration;

/**
 * How long the kits wait for things that must happen. One knob for slow machines: the system property
 * {@code sio.tck.timeoutScale} (default 1.0) multiplies every bound.
 */
public final class TckTimeouts {

    private static final double SCALE = Double.parseDouble(System.getProperty("sio.tck.timeoutScale", "1.0"));

    private TckTimeouts() {
    }

    /** A message or event that should arrive promptly. */
    public static Duration delivery() {
        return scaled(Duration.ofSeconds(10));
    }

    /** A bulk transfer (tens of thousands of messages, 16 MiB blobs). */
    public static Duration bulk() {
        return scaled(Duration.ofSeconds(60));
    }

    /** Failing fast: a publish while disconnected must fail within this bound, not hang. */
    public static Duration failFast() {
        return scaled(Duration.ofSeconds(5));
    }

    private static Duration scaled(Duration base) {
        return Duration.ofMillis((long) (base.toMillis() * SCALE));
    }
}
