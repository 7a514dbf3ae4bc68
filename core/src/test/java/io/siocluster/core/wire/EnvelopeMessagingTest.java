package io.siocluster.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.testing.RandomMessages;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.spi.Transport;
import io.siocluster.spi.messaging.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nodes hand {@link WireFormat#REDIS_STREAMS} envelopes; emitters of older builds, raw peers and text listeners still
 * speak channel texts. Both sides of the view must meet: what one way publishes, the other way reads as the same
 * message.
 */
@DisplayName("REDIS_STREAMS as envelopes and as channel texts")
class EnvelopeMessagingTest {

    private static final String CHANNEL = "socket.io#/";
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final InMemoryBus bus = InMemoryBus.create();
    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    /** A view over the bus with stream entries, as a node or an emitter gets it. */
    private EnvelopeMessaging view() {
        Transport framed = Wires.adapt(bus.newTransport(), WireFormat.REDIS_STREAMS);
        return (EnvelopeMessaging) framed.messaging();
    }

    /** Random messages of every type, without binary (so each has a JSON text), on the channel's namespace. */
    private static List<Envelope> messages() {
        RandomMessages random = new RandomMessages(7, false);
        List<Envelope> envelopes = new ArrayList<>();
        while (envelopes.size() < 50) {
            Envelope e = random.envelope();
            if (e.nsp().equals("/")) {
                envelopes.add(e);
            }
        }
        return envelopes;
    }

    /** Collects what a subscription hands over, envelopes and texts apart. */
    private static final class Received implements EnvelopeMessaging.EnvelopeListener {
        final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public void onEnvelope(String channel, Envelope envelope) {
            envelopes.add(envelope);
        }

        @Override
        public void onMessage(String channel, String payload) {
            texts.add(payload);
        }
    }

    @Test
    @DisplayName("envelopes published are read as the same envelopes, and by a text listener as the texts a node would publish")
    void envelopesBothWays() {
        EnvelopeMessaging publisher = view();
        Received envelopes = new Received();
        List<String> texts = new CopyOnWriteArrayList<>();
        Subscription a = view().subscribeEnvelopes(CHANNEL, envelopes);
        Subscription b = view().subscribe(CHANNEL, (channel, payload) -> texts.add(payload));
        a.ready().toCompletableFuture().join();
        b.ready().toCompletableFuture().join();

        List<Envelope> sent = messages();
        sent.forEach(e -> publisher.publishEnvelope(CHANNEL, e).toCompletableFuture().join());

        await().atMost(BOUND).until(() -> envelopes.envelopes.size() == sent.size() && texts.size() == sent.size());
        assertThat(envelopes.envelopes).containsExactlyElementsOf(sent);
        assertThat(envelopes.texts).isEmpty();
        assertThat(texts).containsExactlyElementsOf(sent.stream().map(codec::encodeJson).toList());
    }

    @Test
    @DisplayName("channel texts published are read as their envelopes; a text that is no message reaches every listener as it is")
    void textsToEnvelopes() {
        EnvelopeMessaging publisher = view();
        Received received = new Received();
        view().subscribeEnvelopes(CHANNEL, received).ready().toCompletableFuture().join();

        List<Envelope> sent = messages();
        sent.forEach(e -> publisher.publish(CHANNEL, codec.encodeJson(e)).toCompletableFuture().join());
        publisher.publish(CHANNEL, "not a message").toCompletableFuture().join();

        await().atMost(BOUND).until(() -> received.envelopes.size() == sent.size() && received.texts.size() == 1);
        assertThat(received.envelopes).containsExactlyElementsOf(sent);
        assertThat(received.texts).containsExactly("not a message");
    }
}
