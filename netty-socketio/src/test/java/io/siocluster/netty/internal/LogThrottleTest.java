package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("log throttle")
class LogThrottleTest {

    @Test
    @DisplayName("lets 3 lines a minute through, holds the rest back, and the next window's first line counts them")
    void window() {
        AtomicLong now = new AtomicLong();
        LogThrottle throttle = new LogThrottle(3, Duration.ofMinutes(1), now::get);

        assertThat(throttle.admit()).isZero();
        assertThat(throttle.admit()).isZero();
        assertThat(throttle.admit()).isZero();
        assertThat(throttle.admit()).isEqualTo(LogThrottle.HOLD);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(throttle.admit()).isEqualTo(LogThrottle.HOLD);
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(throttle.admit()).isEqualTo(2);
        assertThat(throttle.admit()).isZero();
    }
}
