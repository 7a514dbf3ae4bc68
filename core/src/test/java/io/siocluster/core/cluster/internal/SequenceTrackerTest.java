package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.Envelope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("sequence tracker")
class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker(3);

    @Test
    @DisplayName("consecutive numbers miss nothing; a jump counts exactly the numbers skipped")
    void countsJumps() {
        assertThat(tracker.arrived("a", 1)).isZero();
        assertThat(tracker.arrived("a", 2)).isZero();
        assertThat(tracker.arrived("a", 7)).isEqualTo(4);
        assertThat(tracker.arrived("a", 8)).isZero();
        assertThat(tracker.arrived("a", 10)).isEqualTo(1);
    }

    @Test
    @DisplayName("a sender first seen past 1 joined before us: no gap")
    void lateJoinIsNoGap() {
        assertThat(tracker.arrived("a", 500)).isZero();
        assertThat(tracker.arrived("a", 502)).isEqualTo(1);
    }

    @Test
    @DisplayName("senders are counted apart")
    void perSender() {
        tracker.arrived("a", 1);
        tracker.arrived("b", 1);
        assertThat(tracker.arrived("b", 3)).isEqualTo(1);
        assertThat(tracker.arrived("a", 2)).isZero();
    }

    @Test
    @DisplayName("a duplicate or an older number is reported as a duplicate and does not move the last number back")
    void duplicates() {
        tracker.arrived("a", 5);
        assertThat(tracker.arrived("a", 5)).isEqualTo(SequenceTracker.DUPLICATE);
        assertThat(tracker.arrived("a", 3)).isEqualTo(SequenceTracker.DUPLICATE);
        assertThat(tracker.arrived("a", 6)).isZero();
    }

    @Test
    @DisplayName("a forged number far ahead neither counts a billion missed nor drops the real sender's next messages")
    void forgedJump() {
        tracker.arrived("a", 10);
        assertThat(tracker.arrived("a", 1_000_000_000_000L)).isZero();
        assertThat(tracker.arrived("a", 11)).isZero();
        assertThat(tracker.arrived("a", 12)).isZero();
        assertThat(tracker.arrived("a", 14)).isEqualTo(1);
        assertThat(tracker.arrived("a", 14 + SequenceTracker.MAX_JUMP + 1)).isZero();
        assertThat(tracker.arrived("a", 14 + SequenceTracker.MAX_JUMP + 3)).isEqualTo(1);
    }

    @Test
    @DisplayName("1 again is a restart under the same (configured) uid: counted afresh from there")
    void restart() {
        tracker.arrived("a", 40);
        assertThat(tracker.arrived("a", 1)).isZero();
        assertThat(tracker.arrived("a", 2)).isZero();
        assertThat(tracker.arrived("a", 5)).isEqualTo(2);
    }

    @Test
    @DisplayName("unnumbered messages (Node) and the emitter's uid are never checked nor remembered")
    void uncheckable() {
        assertThat(tracker.arrived("node", Envelope.UNNUMBERED)).isZero();
        assertThat(tracker.arrived(Envelope.EMITTER_UID, 1)).isZero();
        assertThat(tracker.arrived(Envelope.EMITTER_UID, 9)).isZero();
        assertThat(tracker.size()).isZero();
    }

    @Test
    @DisplayName("a sender that said goodbye is forgotten")
    void forget() {
        tracker.arrived("a", 1);
        tracker.forget("a");
        assertThat(tracker.size()).isZero();
        assertThat(tracker.arrived("a", 9)).isZero();
    }

    @Test
    @DisplayName("bounded: the sender heard from longest ago is forgotten first")
    void bounded() {
        tracker.arrived("a", 1);
        tracker.arrived("b", 1);
        tracker.arrived("c", 1);
        tracker.arrived("a", 2); // a is now the most recent
        tracker.arrived("d", 1); // b goes
        assertThat(tracker.size()).isEqualTo(3);
        assertThat(tracker.arrived("b", 5)).as("b was forgotten: seen afresh").isZero();
        assertThat(tracker.arrived("a", 4)).as("a was kept").isEqualTo(1);
    }
}
