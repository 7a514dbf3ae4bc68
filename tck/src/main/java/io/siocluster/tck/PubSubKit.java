package io.siocluster.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.PayloadTooLargeException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.messaging.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub rules P1-P8 ({@link PubSubMessaging}). Extend it and implement {@link #transportOptions()}. The facet is
 * optional: for a transport whose {@code messaging().pubSub()} is empty every rule is skipped with that reason, never
 * passed.
 */
@DisplayName("Pub/sub")
public abstract class PubSubKit extends TransportKitSupport {

    @BeforeEach
    final void requirePubSub() {
        assumeThat(newTransport().messaging().pubSub()).as("this transport declares no pub/sub (Messaging.pubSub() is"
                + " empty): its users send everything on channels or streams, so the pub/sub rules do not apply").isPresent();
    }

    private static PubSubMessaging pubSub(Transport node) {
        return node.messaging().pubSub().orElseThrow();
    }

    /** What one subscription received, in order. */
    private static final class Received {
        final Queue<byte[]> payloads = new ConcurrentLinkedQueue<>();
        final Queue<String> channels = new ConcurrentLinkedQueue<>();

        void on(String channel, byte[] payload) {
            channels.add(channel);
            payloads.add(payload);
        }

        List<byte[]> list() {
            return new ArrayList<>(payloads);
        }
    }

    private static Subscription ready(Subscription subscription) {
        join(subscription.ready());
        return subscription;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("P1 a message reaches every ready subscriber, on other nodes and on the publisher, bytes unchanged")
    void everySubscriberGetsTheBytes() {
        Transport publisher = newTransport();
        Transport other = newTransport();
        String channel = channel("p1");
        Received own = new Received();
        Received remote = new Received();
        ready(pubSub(publisher).subscribe(channel, own::on));
        ready(pubSub(other).subscribe(channel, remote::on));
        byte[] notUtf8 = {(byte) 0xff, 0, (byte) 0xc0, (byte) 0x80, 42};
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);

        join(pubSub(publisher).publish(channel, notUtf8));
        join(pubSub(publisher).publish(channel, random));

        await("P1 both subscribers get both messages").atMost(TckTimeouts.delivery())
                .until(() -> own.payloads.size() == 2 && remote.payloads.size() == 2);
        for (Received received : List.of(own, remote)) {
            assertThat(received.list()).as("P1 the bytes arrive unchanged, in order")
                    .containsExactly(notUtf8, random);
            assertThat(received.channels).as("P1 the listener is told the channel").containsOnly(channel);
        }
    }

    @Test
    @DisplayName("P2 subscribers of another channel, and of the messaging channel of the same name, get nothing")
    void channelsAreApart() {
        Transport node = newTransport();
        String channel = channel("p2");
        String other = channel("p2-other");
        Received onOther = new Received();
        Queue<String> onText = new ConcurrentLinkedQueue<>();
        Received onChannel = new Received();
        ready(pubSub(node).subscribe(other, onOther::on));
        join(node.messaging().subscribe(channel, (name, payload) -> onText.add(payload)).ready());
        ready(pubSub(node).subscribe(channel, onChannel::on));

        join(pubSub(node).publish(channel, text("first")));
        join(node.messaging().publish(channel, "text"));
        join(pubSub(node).publish(channel, text("last")));

        await("P2 the channel's own subscriber gets both").atMost(TckTimeouts.delivery())
                .until(() -> onChannel.payloads.size() == 2 && onText.size() == 1);
        assertThat(onOther.payloads).as("P2 another channel's subscriber gets nothing").isEmpty();
        assertThat(onText).as("P2 the messaging channel gets only its own text").containsExactly("text");
        assertThat(onChannel.list()).as("P2 the pub/sub channel gets only pub/sub messages")
                .containsExactly(text("first"), text("last"));
    }

    @Test
    @DisplayName("P3 one publisher's messages arrive in the order it published them")
    void order() {
        Transport publisher = newTransport();
        Transport subscriber = newTransport();
        String channel = channel("p3");
        Received received = new Received();
        ready(pubSub(subscriber).subscribe(channel, received::on));
        // at most once: what is published before the publisher is up may be refused, so start once it is
        await("P3 the publisher is up").atMost(TckTimeouts.delivery()).until(() -> publisher.liveness().state() == LivenessState.UP);
        int count = 300;
        List<byte[]> sent = new ArrayList<>();
        List<CompletionStage<Void>> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = text("m" + i);
            sent.add(payload);
            published.add(pubSub(publisher).publish(channel, payload));
        }
        published.forEach(TransportKitSupport::join); // a refused publish fails here, naming its cause, not as a timeout below

        await("P3 all arrive").atMost(TckTimeouts.bulk()).until(() -> received.payloads.size() >= count);
        assertThat(received.list()).as("P3 in publishing order, none twice").containsExactlyElementsOf(sent);
    }

    @Test
    @DisplayName("P4 the subscriber count (while up) is the number of transports listening: one per transport, whatever its subscriptions")
    void subscriberCount() {
        Transport first = newTransport();
        Transport second = newTransport();
        String channel = channel("p4");
        await("P4 both transports are up").atMost(TckTimeouts.delivery()).until(() ->
                first.liveness().state() == LivenessState.UP && second.liveness().state() == LivenessState.UP);
        assertThat(join(pubSub(first).subscriberCount(channel))).as("P4 nobody listens yet").isZero();

        Subscription a = ready(pubSub(first).subscribe(channel, (name, payload) -> { }));
        Subscription b = ready(pubSub(first).subscribe(channel, (name, payload) -> { }));
        ready(pubSub(second).subscribe(channel, (name, payload) -> { }));
        assertThat(join(pubSub(first).subscriberCount(channel))).as("P4 two transports, three subscriptions").isEqualTo(2);

        a.close();
        assertThat(join(pubSub(second).subscriberCount(channel))).as("P4 the first still listens with its other one")
                .isEqualTo(2);
        b.close();
        await("P4 once its last subscription closed, the first transport no longer counts")
                .atMost(TckTimeouts.delivery()).until(() -> join(pubSub(second).subscriberCount(channel)) == 1);
    }

    @Test
    @DisplayName("P5 a closed subscription gets nothing more; closing twice is harmless")
    void closedSubscription() {
        Transport node = newTransport();
        String channel = channel("p5");
        Received closed = new Received();
        Received open = new Received();
        Subscription subscription = ready(pubSub(node).subscribe(channel, closed::on));
        ready(pubSub(node).subscribe(channel, open::on));

        subscription.close();
        subscription.close();
        join(pubSub(node).publish(channel, text("after")));

        await("P5 the open subscription gets it").atMost(TckTimeouts.delivery()).until(() -> open.payloads.size() == 1);
        assertThat(closed.payloads).as("P5 the closed one does not").isEmpty();
    }

    @Test
    @DisplayName("P6 too large a payload and an empty channel name fail through the stage; subscribe refuses the name")
    void invalidInput() {
        Transport node = newTransport();
        int max = node.messaging().limits().maxPayloadBytes();

        assertThat(failureOf("P6", pubSub(node).publish(channel("p6"), new byte[max + 1])))
                .as("P6 over the limit").isInstanceOf(PayloadTooLargeException.class);
        assertThat(failureOf("P6", pubSub(node).publish("", text("x"))))
                .as("P6 empty channel name").isInstanceOf(InvalidChannelNameException.class);
        assertThat(failureOf("P6", pubSub(node).subscriberCount("")))
                .as("P6 empty channel name counted").isInstanceOf(InvalidChannelNameException.class);
        assertThatThrownBy(() -> pubSub(node).subscribe("", (name, payload) -> { }))
                .as("P6 subscribe to an empty name").isInstanceOf(InvalidChannelNameException.class);
    }

    @Test
    @DisplayName("P7 after close, publishing and counting fail with TransportClosedException and subscribing throws it")
    void afterClose() {
        Transport node = newTransport();
        PubSubMessaging pubSub = pubSub(node);
        node.close();

        assertThat(failureOf("P7", pubSub.publish(channel("p7"), text("x")))).isInstanceOf(TransportClosedException.class);
        assertThat(failureOf("P7", pubSub.subscriberCount(channel("p7")))).isInstanceOf(TransportClosedException.class);
        assertThatThrownBy(() -> pubSub.subscribe(channel("p7"), (name, payload) -> { }))
                .isInstanceOf(TransportClosedException.class);
    }

    @Test
    @DisplayName("P8 a listener's exception is logged, and later messages are still delivered")
    void failingListener() {
        Transport node = newTransport();
        String channel = channel("p8");
        Received received = new Received();
        ready(pubSub(node).subscribe(channel, (name, payload) -> {
            received.on(name, payload);
            throw new IllegalStateException("P8 listener fails on purpose");
        }));

        join(pubSub(node).publish(channel, text("one")));
        join(pubSub(node).publish(channel, text("two")));

        await("P8 both delivered").atMost(TckTimeouts.delivery()).pollDelay(Duration.ZERO)
                .until(() -> received.payloads.size() == 2);
    }
}
