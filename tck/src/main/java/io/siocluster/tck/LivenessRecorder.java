package io.siocluster.tck;

import static org.awaitility.Awaitility.await;

import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps the liveness events a transport reports. Thread-safe. */
final class LivenessRecorder implements LivenessListener {

    private final List<LivenessEvent> events = new ArrayList<>();

    @Override
    public synchronized void onLivenessEvent(LivenessEvent event) {
        events.add(event);
    }

    synchronized List<LivenessEvent> events() {
        return List.copyOf(events);
    }

    void awaitEvent(String rule, LivenessEvent event) {
        await(rule + ": waiting for liveness event " + event).atMost(TckTimeouts.delivery())
                .pollInterval(Duration.ofMillis(10))
                .until(() -> events().contains(event));
    }
}
