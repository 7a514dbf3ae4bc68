package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("delivery times: from the outbox until the echo, bounded")
class DeliveryTimesTest {

    private final TrafficStats traffic = new TrafficStats();
    private final DeliveryTimes times = new DeliveryTimes(traffic);

    @Test
    @DisplayName("an echo records its message's latency once; an unknown or forgotten one is skipped")
    void echoOnce() {
        times.sent(1, System.nanoTime() - 1_000);
        times.sent(2, System.nanoTime());

        times.echoed(1);
        times.echoed(1); // duplicate echo
        times.echoed(7); // never sent from here
        times.forget(2);
        times.echoed(2);

        assertThat(traffic.deliveredCount()).isEqualTo(1);
        assertThat(traffic.deliveryNanosTotal()).isGreaterThanOrEqualTo(1_000);
        assertThat(traffic.deliveryNanosMax()).isEqualTo(traffic.deliveryNanosTotal());
        assertThat(times.waiting()).isZero();
    }

    @Test
    @DisplayName("messages whose echo never comes are forgotten oldest first beyond the bound")
    void bounded() {
        for (long seq = 1; seq <= DeliveryTimes.MAX_WAITING + 5; seq++) {
            times.sent(seq, System.nanoTime());
        }
        assertThat(times.waiting()).isEqualTo(DeliveryTimes.MAX_WAITING);

        times.echoed(1); // evicted
        times.echoed(DeliveryTimes.MAX_WAITING + 5);
        assertThat(traffic.deliveredCount()).isEqualTo(1);
    }
}
