package io.siocluster.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransientTransportException;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.DeliveryGuarantee;
import io.siocluster.spi.messaging.Subscription;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Liveness rules L1-L9. Extend it, implement {@link #transportOptions()} and, so that the outage rules run
 * rather than being skipped, {@link #connectionCutter()}. What a node gets of the messages published during
 * its outage follows the transport's {@link DeliveryGuarantee}: L4 checks an at-most-once transport, L9 one
 * that resumes; each is skipped, with the reason, for the other kind. The event that ends an outage follows it
 * too: UP_AFTER_GAP for at-most-once, UP for a transport that resumed after a short outage that lost nothing.
 */
@DisplayName("Liveness")
public abstract class LivenessKit extends TransportKitSupport {

    /** A way to cut a transport's connection; empty skips rules L2-L8 with the reason stated. */
    protected Optional<ConnectionCutter> connectionCutter() {
        return Optional.empty();
    }

    private ConnectionCutter requireCutter() {
        Optional<ConnectionCutter> cutter = connectionCutter();
        assumeThat(cutter).as("this transport's kit offers no ConnectionCutter, so outages cannot be simulated")
                .isPresent();
        return cutter.get();
    }

    @Test
    @DisplayName("L1 a new transport reaches UP")
    void reachesUp() {
        Transport node = newTransport();

        await("L1 state becomes UP").atMost(TckTimeouts.delivery())
                .until(() -> node.liveness().state() == LivenessState.UP);
    }

    @Test
    @DisplayName("L2 a cut connection is reported: one DOWN event, and state DOWN")
    void cutReportsDown() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);

        try (AutoCloseable outage = cutter.cut(node)) {
            events.awaitEvent("L2", LivenessEvent.DOWN);
            assertThat(node.liveness().state()).as("L2 state during the outage").isEqualTo(LivenessState.DOWN);
        }
    }

    /** The event that ends a short outage: UP_AFTER_GAP at most once; UP for a transport that resumes. */
    private static LivenessEvent backUp(Transport node) {
        return node.messaging().deliveryGuarantee() == DeliveryGuarantee.RESUMES_IN_ORDER
                ? LivenessEvent.UP : LivenessEvent.UP_AFTER_GAP;
    }

    @Test
    @DisplayName("L3 after the outage the transport reports it is back (UP_AFTER_GAP; UP if it resumes) and its subscriptions receive again without resubscribing")
    void recoversAfterGap() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        Transport publisher = upTransport();
        String ch = channel("l3");
        MessageRecorder recorder = new MessageRecorder();
        MessagingKit.ready(node.messaging().subscribe(ch, recorder));
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);

        try (AutoCloseable outage = cutter.cut(node)) {
            events.awaitEvent("L3", LivenessEvent.DOWN);
        }
        events.awaitEvent("L3", backUp(node));
        join(publisher.messaging().publish(ch, "after the gap"));

        recorder.awaitPayload("L3", "after the gap");
        assertThat(events.events()).as("L3 one outage gives exactly DOWN then " + backUp(node) + " ("
                + node.messaging().deliveryGuarantee() + ")").containsExactly(LivenessEvent.DOWN, backUp(node));
        assertThat(node.liveness().state()).as("L3 state after recovery").isEqualTo(LivenessState.UP);
    }

    @Test
    @DisplayName("L4 at most once: messages published by others during the outage are never delivered to the cut node")
    void messagesDuringOutageAreLost() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        assumeThat(node.messaging().deliveryGuarantee()).as("L4 is the at-most-once rule; this transport resumes"
                + " (rule L9 checks it)").isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        Transport publisher = upTransport();
        String ch = channel("l4");
        MessageRecorder recorder = new MessageRecorder();
        MessagingKit.ready(node.messaging().subscribe(ch, recorder));
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);

        try (AutoCloseable outage = cutter.cut(node)) {
            events.awaitEvent("L4", LivenessEvent.DOWN);
            join(publisher.messaging().publish(ch, "during the outage"));
        }
        events.awaitEvent("L4", LivenessEvent.UP_AFTER_GAP);
        join(publisher.messaging().publish(ch, "after the outage"));

        recorder.awaitPayload("L4", "after the outage");
        assertThat(recorder.payloads()).as("L4 what the cut node received (per-publisher order makes this final)")
                .containsExactly("after the outage");
    }

    @Test
    @DisplayName("L5 publishing from a cut node fails fast with a transient error")
    void publishWhileDownFailsFast() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);

        try (AutoCloseable outage = cutter.cut(node)) {
            events.awaitEvent("L5", LivenessEvent.DOWN);
            Throwable failure = failureOf("L5", node.messaging().publish(channel("l5"), "cannot go out"));
            assertThat(failure).as("L5 the failure says retrying can help")
                    .isInstanceOf(TransientTransportException.class);
        }
    }

    @Test
    @DisplayName("L6 a subscription made during the outage becomes ready after recovery and receives messages")
    void subscribeDuringOutage() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        Transport publisher = upTransport();
        String ch = channel("l6");
        MessageRecorder recorder = new MessageRecorder();
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);

        Subscription subscription;
        try (AutoCloseable outage = cutter.cut(node)) {
            events.awaitEvent("L6", LivenessEvent.DOWN);
            subscription = node.messaging().subscribe(ch, recorder);
        }
        events.awaitEvent("L6", backUp(node));
        MessagingKit.ready(subscription);
        join(publisher.messaging().publish(ch, "hello again"));

        recorder.awaitPayload("L6", "hello again");
    }

    @Test
    @DisplayName("L7 a removed liveness listener is told nothing more")
    void removedListenerIsSilent() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        LivenessRecorder removed = new LivenessRecorder();
        LivenessRecorder kept = new LivenessRecorder();
        node.liveness().addListener(removed).close();
        node.liveness().addListener(kept);

        try (AutoCloseable outage = cutter.cut(node)) {
            kept.awaitEvent("L7", LivenessEvent.DOWN);
        }
        kept.awaitEvent("L7", backUp(node));

        assertThat(removed.events()).as("L7 events seen by a removed listener").isEmpty();
    }

    @Test
    @DisplayName("L8 an outage of one node leaves the other nodes connected and exchanging messages")
    void othersUnaffected() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport cut = upTransport();
        Transport a = upTransport();
        Transport b = upTransport();
        String ch = channel("l8");
        MessageRecorder onB = new MessageRecorder();
        MessagingKit.ready(b.messaging().subscribe(ch, onB));
        LivenessRecorder events = new LivenessRecorder();
        cut.liveness().addListener(events);

        try (AutoCloseable outage = cutter.cut(cut)) {
            events.awaitEvent("L8", LivenessEvent.DOWN);
            join(a.messaging().publish(ch, "still flowing"));
            onB.awaitPayload("L8", "still flowing");
            assertThat(a.liveness().state()).as("L8 another node's state").isEqualTo(LivenessState.UP);
        }
    }

    @Test
    @DisplayName("L9 resuming: messages published by others during the outage are delivered after it, once each and in order, before later ones")
    void messagesDuringOutageAreResumed() throws Exception {
        ConnectionCutter cutter = requireCutter();
        Transport node = upTransport();
        assumeThat(node.messaging().deliveryGuarantee()).as("L9 is the rule for transports that resume; this one"
                + " delivers at most once (rule L4 checks it)").isEqualTo(DeliveryGuarantee.RESUMES_IN_ORDER);
        Transport publisher = upTransport();
        String ch = channel("l9");
        MessageRecorder recorder = new MessageRecorder();
        MessagingKit.ready(node.messaging().subscribe(ch, recorder));
        join(publisher.messaging().publish(ch, "before"));
        recorder.awaitPayload("L9", "before");
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);

        try (AutoCloseable outage = cutter.cut(node)) {
            events.awaitEvent("L9", LivenessEvent.DOWN);
            for (int i = 0; i < 20; i++) {
                join(publisher.messaging().publish(ch, "during " + i));
            }
        }
        events.awaitEvent("L9", LivenessEvent.UP);
        join(publisher.messaging().publish(ch, "after"));

        recorder.awaitPayload("L9", "after");
        List<String> expected = new java.util.ArrayList<>(List.of("before"));
        for (int i = 0; i < 20; i++) {
            expected.add("during " + i);
        }
        expected.add("after");
        assertThat(recorder.payloads()).as("L9 the outage's messages arrive once each, in order, before later ones")
                .containsExactlyElementsOf(expected);
        assertThat(events.events()).as("L9 an outage that lost nothing ends with UP, not UP_AFTER_GAP")
                .containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
    }

    private Transport upTransport() {
        Transport node = newTransport();
        await("transport reaches UP before the outage").atMost(TckTimeouts.delivery())
                .until(() -> node.liveness().state() == LivenessState.UP);
        return node;
    }
}
