package io.siocluster.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.PayloadTooLargeException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Messaging rules M1-M14 (M11 and M12 cover closing the transport). Extend it and implement {@link #transportOptions()}; the rules are explained in
 * the TCK README.
 */
@DisplayName("Messaging")
public abstract class MessagingKit extends TransportKitSupport {

    @Nested
    @DisplayName("Messaging: delivery")
    class Delivery {

        @Test
        @DisplayName("M1 every subscriber of a channel, on every node, receives each message published on it")
        void everySubscriberReceives() {
            Transport a = newTransport();
            Transport b = newTransport();
            Transport publisher = newTransport();
            String ch = channel("m1");
            MessageRecorder onA = new MessageRecorder();
            MessageRecorder onB1 = new MessageRecorder();
            MessageRecorder onB2 = new MessageRecorder();
            ready(a.messaging().subscribe(ch, onA));
            ready(b.messaging().subscribe(ch, onB1));
            ready(b.messaging().subscribe(ch, onB2));

            join(publisher.messaging().publish(ch, "one"));
            join(publisher.messaging().publish(ch, "two"));

            for (MessageRecorder recorder : List.of(onA, onB1, onB2)) {
                recorder.awaitPayload("M1", "two");
                assertThat(recorder.payloads()).as("M1 each subscriber receives each message once, in order")
                        .containsExactly("one", "two");
            }
        }

        @Test
        @DisplayName("M2 a subscriber of another channel receives nothing")
        void otherChannelsReceiveNothing() {
            Transport node = newTransport();
            Transport publisher = newTransport();
            String target = channel("m2-target");
            String other = channel("m2-other");
            MessageRecorder onOther = new MessageRecorder();
            ready(node.messaging().subscribe(other, onOther));

            join(publisher.messaging().publish(target, "not for you"));
            // Per-publisher order: once the marker is in, the first message would have been too.
            join(publisher.messaging().publish(other, "marker"));

            onOther.awaitPayload("M2", "marker");
            assertThat(onOther.payloads()).as("M2 only the other channel's message arrives").containsExactly("marker");
        }

        @Test
        @DisplayName("M3 each publisher's messages arrive in the order it published them (4 publishers x 10,000)")
        void perPublisherOrder() throws Exception {
            new OrderCheck(MessagingKit.this::newTransport, channel("m3"), 4, 10_000).run();
        }

        @Test
        @DisplayName("M4 a publisher subscribed to its own channel receives its own messages")
        void selfDelivery() {
            Transport node = newTransport();
            String ch = channel("m4");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, recorder));

            join(node.messaging().publish(ch, "echo"));

            recorder.awaitPayload("M4", "echo");
        }

        @Test
        @DisplayName("M5 identical payloads published back to back are each delivered")
        void identicalPayloadsBothDelivered() {
            Transport node = newTransport();
            Transport publisher = newTransport();
            String ch = channel("m5");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, recorder));

            var first = publisher.messaging().publish(ch, "same");
            var second = publisher.messaging().publish(ch, "same");
            var third = publisher.messaging().publish(ch, "same");
            join(first);
            join(second);
            join(third);
            join(publisher.messaging().publish(ch, "marker"));

            recorder.awaitPayload("M5", "marker");
            assertThat(recorder.payloads()).as("M5 three identical payloads arrive three times")
                    .containsExactly("same", "same", "same", "marker");
        }

        @Test
        @DisplayName("M6 any Unicode text (but U+0000) arrives unchanged")
        void unicodePayloads() {
            Transport node = newTransport();
            Transport publisher = newTransport();
            String ch = channel("m6");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, recorder));
            List<String> payloads = List.of("héllo wörld", "日本語のテキスト", "emoji 😀🎉 and 𝄞",
                    "quotes ' \" \\ and control \n\t\r", "{\"json\":[1,\"two\",{\"three\":null}]}", " ", "$$ $1 ?");

            for (String payload : payloads) {
                join(publisher.messaging().publish(ch, payload));
            }

            recorder.awaitCount("M6", payloads.size(), TckTimeouts.delivery());
            assertThat(recorder.payloads()).as("M6 payloads arrive byte for byte").containsExactlyElementsOf(payloads);
        }

        @Test
        @DisplayName("M13 a listener that throws still receives the messages that follow")
        void throwingListenerKeepsReceiving() {
            Transport node = newTransport();
            String ch = channel("m13");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, (channel, payload) -> {
                recorder.onMessage(channel, payload);
                throw new IllegalStateException("listener failure the transport must survive");
            }));

            join(node.messaging().publish(ch, "first"));
            join(node.messaging().publish(ch, "second"));

            recorder.awaitPayload("M13", "second");
        }

        @Test
        @DisplayName("M14 a listener that refuses some offers gets every message once, in order: what it refused, and what "
                + "follows, through onMessage")
        void refusedOffersComeThroughOnMessage() {
            Transport node = newTransport();
            String ch = channel("m14");
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger offers = new AtomicInteger();
            ready(node.messaging().subscribe(ch, new MessageListener() {
                @Override
                public void onMessage(String channel, String payload) {
                    received.add(payload);
                }

                @Override
                public boolean offer(String channel, String payload) {
                    if (offers.incrementAndGet() % 3 == 0) {
                        return false; // as a full node does: this one must come again through onMessage
                    }
                    received.add(payload);
                    return true;
                }
            }));

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sent.add("m" + i);
                node.messaging().publish(ch, "m" + i);
            }

            await("M14 every message arrives").atMost(TckTimeouts.delivery()).until(() -> received.size() >= 300);
            synchronized (received) {
                assertThat(received).as("M14 once each, in publish order").containsExactlyElementsOf(sent);
            }
        }
    }

    @Nested
    @DisplayName("Messaging: limits")
    class Limits {

        @Test
        @DisplayName("M7 a payload of exactly the declared limit in UTF-8 bytes, multibyte text included, is delivered")
        void largestPayloadAccepted() {
            Transport node = newTransport();
            String ch = channel("m7");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, recorder));
            String payload = textOfUtf8Bytes(node.messaging().limits().maxPayloadBytes());

            join(node.messaging().publish(ch, payload));

            recorder.awaitPayload("M7", payload);
        }

        @Test
        @DisplayName("M8 a payload one byte over the limit fails with PayloadTooLargeException (not transient) and is not delivered")
        void oversizedPayloadRejected() {
            Transport node = newTransport();
            String ch = channel("m8");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, recorder));
            String payload = textOfUtf8Bytes(node.messaging().limits().maxPayloadBytes() + 1);

            Throwable failure = failureOf("M8", node.messaging().publish(ch, payload));
            join(node.messaging().publish(ch, "marker"));

            assertThat(failure).as("M8 the publish fails with PayloadTooLargeException")
                    .isInstanceOf(PayloadTooLargeException.class);
            assertThat(((PayloadTooLargeException) failure).isTransient()).as("M8 retrying cannot help").isFalse();
            recorder.awaitPayload("M8", "marker");
            assertThat(recorder.payloads()).as("M8 the oversized payload was not delivered").containsExactly("marker");
        }

        @Test
        @DisplayName("M9 a channel name of exactly the limit in UTF-8 bytes works; one byte more is refused on subscribe and publish")
        void channelNameLimit() {
            Transport node = newTransport();
            int max = node.messaging().limits().maxChannelNameBytes();
            String longest = padToUtf8Bytes(channel("m9-"), max);
            String tooLong = padToUtf8Bytes(channel("m9-"), max + 1);
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(longest, recorder));

            join(node.messaging().publish(longest, "fits"));

            recorder.awaitPayload("M9", "fits");
            assertThatThrownBy(() -> node.messaging().subscribe(tooLong, recorder))
                    .as("M9 subscribing to a name over the limit throws InvalidChannelNameException")
                    .isInstanceOf(InvalidChannelNameException.class);
            assertThat(failureOf("M9", node.messaging().publish(tooLong, "x")))
                    .as("M9 publishing to a name over the limit fails with InvalidChannelNameException")
                    .isInstanceOf(InvalidChannelNameException.class);
        }
    }

    @Nested
    @DisplayName("Messaging: subscriptions")
    class Subscriptions {

        @Test
        @DisplayName("M10 closing a subscription stops its deliveries and leaves the others on the channel running")
        void unsubscribeStopsDelivery() {
            Transport a = newTransport();
            Transport b = newTransport();
            Transport publisher = newTransport();
            String ch = channel("m10");
            String markers = channel("m10-markers");
            MessageRecorder first = new MessageRecorder();
            MessageRecorder second = new MessageRecorder();
            MessageRecorder onB = new MessageRecorder();
            MessageRecorder markersOnA = new MessageRecorder();
            Subscription firstSub = ready(a.messaging().subscribe(ch, first));
            Subscription secondSub = ready(a.messaging().subscribe(ch, second));
            ready(b.messaging().subscribe(ch, onB));
            ready(a.messaging().subscribe(markers, markersOnA));

            firstSub.close();
            join(publisher.messaging().publish(ch, "after first closed"));
            second.awaitPayload("M10", "after first closed");
            onB.awaitPayload("M10", "after first closed");
            secondSub.close();
            secondSub.close(); // closing twice is harmless
            join(publisher.messaging().publish(ch, "after both closed"));
            join(publisher.messaging().publish(markers, "marker"));

            onB.awaitPayload("M10", "after both closed");
            markersOnA.awaitPayload("M10", "marker");
            assertThat(first.payloads()).as("M10 a closed subscription receives nothing").isEmpty();
            assertThat(second.payloads()).as("M10 a subscription receives nothing after close")
                    .containsExactly("after first closed");
        }
    }

    @Nested
    @DisplayName("Messaging: lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("M11 after close, publish fails and subscribe throws with TransportClosedException; close is idempotent")
        void useAfterClose() {
            Transport node = newTransport();
            String ch = channel("m11");
            node.close();
            node.close();

            assertThat(failureOf("M11", node.messaging().publish(ch, "late")))
                    .as("M11 publish after close").isInstanceOf(TransportClosedException.class);
            assertThatThrownBy(() -> node.messaging().subscribe(ch, new MessageRecorder()))
                    .as("M11 subscribe after close").isInstanceOf(TransportClosedException.class);
        }

        @Test
        @DisplayName("M12 close stops every thread the transport started")
        void closeReleasesThreads() {
            Set<Thread> before = LifecycleRules.liveThreads();
            Transport node = newTransport();
            String ch = channel("m12");
            MessageRecorder recorder = new MessageRecorder();
            ready(node.messaging().subscribe(ch, recorder));
            join(node.messaging().publish(ch, "wake every thread"));
            recorder.awaitPayload("M12", "wake every thread");
            node.blobStore().ifPresent(store -> join(store.put(new byte[] {1})));

            node.close();

            await("M12 threads started by the transport end after close").atMost(TckTimeouts.delivery())
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        Set<Thread> leaked = LifecycleRules.liveThreads();
                        leaked.removeAll(before);
                        leaked.removeIf(t -> LifecycleRules.isJvmSharedThread(t) || isSharedThread(t));
                        assertThat(leaked).as("M12 threads still running after close: %s",
                                LifecycleRules.describe(leaked)).isEmpty();
                    });
        }
    }

    /**
     * Threads that outlive a transport by design because a library shares them between all its users
     * (say, a JDBC driver's cleaner thread), which rule M12 must not count. Default: none.
     */
    protected boolean isSharedThread(Thread thread) {
        return false;
    }

    /** Text of exactly {@code bytes} UTF-8 bytes mixing 4-, 2- and 1-byte characters. */
    static String textOfUtf8Bytes(int bytes) {
        StringBuilder text = new StringBuilder();
        int remaining = bytes;
        while (remaining >= 6) {
            text.append("😀é");
            remaining -= 6;
        }
        text.append("a".repeat(remaining));
        return text.toString();
    }

    /** {@code prefix} padded with 2-byte and 1-byte characters to exactly {@code bytes} UTF-8 bytes. */
    static String padToUtf8Bytes(String prefix, int bytes) {
        StringBuilder text = new StringBuilder(prefix);
        int remaining = bytes - prefix.getBytes(StandardCharsets.UTF_8).length;
        while (remaining >= 2) {
            text.append('é');
            remaining -= 2;
        }
        text.append("x".repeat(remaining));
        return text.toString();
    }

    static Subscription ready(Subscription subscription) {
        join(subscription.ready());
        return subscription;
    }
}
