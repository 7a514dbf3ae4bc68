package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.wire.EnvelopeMessaging;
import io.siocluster.core.wire.EnvelopeMessaging.EnvelopeListener;
import io.siocluster.core.wire.WireFormat;
import io.siocluster.core.wire.Wires;
import io.siocluster.spi.Transport;
import io.siocluster.spi.messaging.MessageListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's stream entries ({@link WireFormat#REDIS_STREAMS}) are offered in place too: the transport offers each entry to
 * the wire view's field listener on the thread that read it, and the view offers the envelope it reads (or the text,
 * to a listener of texts). What a listener refuses comes again through {@code onEnvelope} / {@code onMessage} on the
 * dispatcher, once, in order (the TCK's M14 for the core's own format).
 */
class NodeWireOffersTest {

    private static final String CHANNEL = "socket.io#/";
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static Transport framed(String url, String prefix) {
        return Wires.adapt(Nodes.up(url, prefix), WireFormat.REDIS_STREAMS);
    }

    private static List<Envelope> broadcasts(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Envelope("peer1", "/",
                Broadcast.of(BroadcastPacket.event("e", i), BroadcastOptions.ALL))).toList();
    }

    private static int index(Envelope envelope) {
        return ((Number) ((Broadcast) envelope.message()).packet().args().get(0)).intValue();
    }

    /** Records each envelope's index, offered or delivered, refusing every {@code refuseEvery}-th offer (0: none). */
    private static final class Recording implements EnvelopeListener {
        final List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        final Set<String> offerThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger offers = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();
        private final int refuseEvery;

        Recording(int refuseEvery) {
            this.refuseEvery = refuseEvery;
        }

        @Override
        public void onEnvelope(String channel, Envelope envelope) {
            delivered.incrementAndGet();
            received.add(index(envelope));
        }

        @Override
        public boolean offerEnvelope(String channel, Envelope envelope) {
            offerThreads.add(Thread.currentThread().getName());
            if (refuseEvery > 0 && offers.incrementAndGet() % refuseEvery == 0) {
                return false; // as a full node does: it must come again through onEnvelope
            }
            received.add(index(envelope));
            return true;
        }

        @Override
        public void onMessage(String channel, String payload) {
            throw new AssertionError("no text expected: " + payload);
        }
    }

    @Test
    @DisplayName("envelopes taken as offers arrive on the reading thread, never on the dispatcher, in order")
    void envelopesOfferedWhereRead() throws Exception {
        String url = RedisServer.sharedUrl();
        String prefix = TestTransports.uniquePrefix("nodewire-offers");
        try (Transport publisher = framed(url, prefix); Transport subscriber = framed(url, prefix)) {
            Recording listener = new Recording(0);
            Nodes.ready(((EnvelopeMessaging) subscriber.messaging()).subscribeEnvelopes(CHANNEL, listener));

            broadcasts(500).forEach(e -> ((EnvelopeMessaging) publisher.messaging()).publishEnvelope(CHANNEL, e));

            await("all delivered").atMost(BOUND).until(() -> listener.received.size() >= 500);
            assertThat(listener.received).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
            assertThat(listener.delivered).as("nothing refused, nothing handed to the dispatcher").hasValue(0);
            assertThat(listener.offerThreads).isNotEmpty().noneMatch(name -> name.contains("dispatcher"));
        }
    }

    @Test
    @DisplayName("listeners of envelopes and of texts that refuse every third offer get every message once, in order")
    void refusedOffersComeAgain() throws Exception {
        String url = RedisServer.sharedUrl();
        String prefix = TestTransports.uniquePrefix("nodewire-refused");
        try (Transport publisher = framed(url, prefix); Transport subscriber = framed(url, prefix)) {
            Recording envelopes = new Recording(3);
            Nodes.ready(((EnvelopeMessaging) subscriber.messaging()).subscribeEnvelopes(CHANNEL, envelopes));
            List<String> texts = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger textOffers = new AtomicInteger();
            Nodes.ready(subscriber.messaging().subscribe(CHANNEL, new MessageListener() {
                @Override
                public void onMessage(String channel, String payload) {
                    texts.add(payload);
                }

                @Override
                public boolean offer(String channel, String payload) {
                    if (textOffers.incrementAndGet() % 3 == 0) {
                        return false;
                    }
                    texts.add(payload);
                    return true;
                }
            }));

            broadcasts(300).forEach(e -> ((EnvelopeMessaging) publisher.messaging()).publishEnvelope(CHANNEL, e));

            await("all delivered").atMost(BOUND).until(() -> envelopes.received.size() >= 300 && texts.size() >= 300);
            assertThat(envelopes.received).as("envelopes once each, in order")
                    .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
            assertThat(texts).as("texts once each, in order").hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertThat(texts.get(i)).as("text %d", i).contains("\"data\":[\"e\"," + i + "]");
            }
            assertThat(envelopes.delivered.get()).as("refused offers came again").isGreaterThan(0);
            assertThat(textOffers.get()).as("offers were made").isGreaterThan(0);
        }
    }
}
