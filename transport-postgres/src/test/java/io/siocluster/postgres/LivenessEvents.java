package io.siocluster.postgres;

import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records liveness events for the fault tests. */
final class LivenessEvents implements LivenessListener {

    private final List<LivenessEvent> events = new ArrayList<>();

    @Override
    public synchronized void onLivenessEvent(LivenessEvent event) {
        events.add(event);
    }

    synchronized List<LivenessEvent> events() {
        return List.copyOf(events);
    }

    void awaitEvent(LivenessEvent event, Duration atMost) {
        org.awaitility.Awaitility.await("liveness event " + event).atMost(atMost).pollInterval(Duration.ofMillis(10))
                .until(() -> events().contains(event));
    }
}
