package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A flood of drops is counted in full and logged at WARN at most three times a minute per reason. */
@DisplayName("drops: counted always, logged rarely")
class DropsTest {

    private final MutableClock clock = new MutableClock();
    private final ClusterStats stats = new ClusterStats();
    private final Drops drops = new Drops(stats, clock);

    @Test
    @DisplayName("10,000 malformed messages: all counted, 3 WARN lines within the minute, 3 more the next minute")
    void throttledPerMinute() {
        List<Boolean> warned = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            warned.add(drops.record(DropReason.MALFORMED, "dropped {}", i));
        }
        assertThat(stats.malformedMessages()).isEqualTo(10_000);
        assertThat(warned.stream().filter(w -> w).count()).isEqualTo(Drops.LINES_PER_MINUTE);

        clock.advance(Duration.ofSeconds(59));
        assertThat(drops.record(DropReason.MALFORMED, "still within the minute")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(drops.record(DropReason.MALFORMED, "a new minute")).isTrue();
    }

    @Test
    @DisplayName("each reason has its own budget")
    void perReason() {
        for (int i = 0; i < 100; i++) {
            drops.record(DropReason.MALFORMED, "flood");
        }
        assertThat(drops.record(DropReason.MISSING_ATTACHMENT, "another reason")).isTrue();
        assertThat(stats.drops(DropReason.MISSING_ATTACHMENT)).isEqualTo(1);
    }
}
