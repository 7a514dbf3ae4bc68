package io.siocluster.tck;

import static org.awaitility.Awaitility.await;

import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps the liveness events a transport reports, for kits and transport tests to wait on. Thread-safe. */
public final class LivenessRecorder implements LivenessListener {

    private final List<LivenessEvent> events = new ArrayList<>();

    @Override
    public synchronized void onLivenessEvent(LivenessEvent event) {
        events.add(event);
    }

    public synchronized List<LivenessEvent> events() {
        return List.copyOf(events);
    }

    public void awaitEvent(String rule, LivenessEvent event) {
        awaitEvent(rule, event, TckTimeouts.delivery());
    }

    public void awaitEvent(String rule, LivenessEvent event, Duration atMost) {
        await(rule + ": waiting for liveness event " + event).atMost(atMost)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> events().contains(event));
    }
}
