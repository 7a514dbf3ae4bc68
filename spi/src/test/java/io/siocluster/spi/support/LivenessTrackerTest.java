package io.siocluster.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import io.siocluster.spi.liveness.LivenessRegistration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LivenessTracker")
class LivenessTrackerTest {

    @Test
    @DisplayName("a listener that throws is handed to the transport's handler, and later listeners are still told")
    void aFailingListenerGoesToTheHandler() {
        List<String> failures = new ArrayList<>();
        List<LivenessEvent> told = new ArrayList<>();
        LivenessListener broken = event -> {
            throw new IllegalStateException("boom");
        };
        LivenessTracker tracker = new LivenessTracker(Runnable::run,
                (listener, event, failure) -> failures.add(event + ": " + failure.getMessage()));
        tracker.addListener(broken);
        tracker.addListener(told::add);

        tracker.connected();

        assertThat(failures).containsExactly("UP: boom");
        assertThat(told).containsExactly(LivenessEvent.UP);
    }

    @Test
    @DisplayName("closing a registration needs no catch, stops events, and may be repeated")
    void closingARegistrationStopsEvents() {
        List<LivenessEvent> told = new ArrayList<>();
        LivenessTracker tracker = new LivenessTracker(Runnable::run);
        LivenessRegistration registration = tracker.addListener(told::add);
        tracker.connected();

        registration.close();
        registration.close();
        tracker.disconnected();

        assertThat(told).containsExactly(LivenessEvent.UP);
    }

    @Test
    @DisplayName("lost() while up reports UP_AFTER_GAP and stays up; while down it tells nobody")
    void lostWhileUp() {
        List<LivenessEvent> told = new ArrayList<>();
        LivenessTracker tracker = new LivenessTracker(Runnable::run);
        tracker.addListener(told::add);
        assertThat(tracker.lost()).as("not up yet").isFalse();
        tracker.connected();

        assertThat(tracker.lost()).isTrue();
        assertThat(tracker.isUp()).isTrue();
        tracker.disconnected();
        assertThat(tracker.lost()).as("down: the reconnect reports it").isFalse();

        assertThat(told).containsExactly(LivenessEvent.UP, LivenessEvent.UP_AFTER_GAP, LivenessEvent.DOWN);
    }
}
