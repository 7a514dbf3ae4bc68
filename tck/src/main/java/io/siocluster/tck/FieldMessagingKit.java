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
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.FieldMessaging.FieldListener;
import io.siocluster.spi.messaging.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Field messaging rules F1-F9 ({@link FieldMessaging}: entries of named text fields on streams, what Node's Redis
 * streams adapter writes). Extend it and implement {@link #transportOptions()}. The facet is optional: for a
 * transport whose {@code messaging().fields()} is empty every rule is skipped with that reason, never passed.
 */
@DisplayName("Field messaging")
public abstract class FieldMessagingKit extends TransportKitSupport {

    @BeforeEach
    final void requireFields() {
        assumeThat(newTransport().messaging().fields()).as("this transport declares no field messaging"
                + " (Messaging.fields() is empty): wire formats of stream entries cannot run on it").isPresent();
    }

    private static FieldMessaging fields(Transport node) {
        return node.messaging().fields().orElseThrow();
    }

    /**
     * What one subscription received, in order, taking offers as the cluster's listeners do (F8 covers refused ones).
     * Thread-safe.
     */
    private static final class Entries implements FieldListener {
        private final List<Map<String, String>> received = new ArrayList<>();
        private final List<String> streams = new ArrayList<>();

        @Override
        public synchronized void onEntry(String stream, Map<String, String> fields) {
            streams.add(stream);
            received.add(fields);
        }

        @Override
        public boolean offerEntry(String stream, Map<String, String> fields) {
            onEntry(stream, fields);
            return true;
        }

        synchronized List<Map<String, String>> list() {
            return List.copyOf(received);
        }

        /** The stream name each entry came with. */
        synchronized List<String> streams() {
            return List.copyOf(streams);
        }

        synchronized int count() {
            return received.size();
        }

        void awaitCount(String rule, int n) {
            await(rule + ": waiting for " + n + " entries").atMost(TckTimeouts.bulk())
                    .pollInterval(Duration.ofMillis(20)).until(() -> count() >= n);
        }

        /** The values of one field, entry by entry. */
        List<String> values(String field) {
            return list().stream().map(entry -> entry.get(field)).toList();
        }
    }

    private static Map<String, String> entry(String... namesAndValues) {
        Map<String, String> entry = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            entry.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return entry;
    }

    @Test
    @DisplayName("F1 an entry reaches every ready subscriber, on another node and on the publisher, its fields unchanged"
            + " and in their order")
    void everySubscriberGetsTheFields() {
        Transport publisher = newTransport();
        Transport other = newTransport();
        String stream = channel("f1");
        Entries own = new Entries();
        Entries remote = new Entries();
        MessagingKit.ready(fields(publisher).subscribe(stream, own));
        MessagingKit.ready(fields(other).subscribe(stream, remote));
        Map<String, String> tricky = entry("uid", "a1", "nsp", "/é 😀", "type", "3", "data", "{\"x\":[1,\"\\u0001\"]}",
                "empty", "", "a name with spaces", "zz", "0", "first among equals");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 20; i > 0; i--) {
            many.put("f" + i, "v" + i); // descending: no transport may sort the names
        }

        join(fields(publisher).publish(stream, tricky));
        join(fields(publisher).publish(stream, many));

        for (Entries entries : List.of(own, remote)) {
            entries.awaitCount("F1", 2);
            assertThat(entries.list()).as("F1 each entry once, in publish order").hasSize(2);
            assertThat(entries.streams()).as("F1 each entry comes with its stream's name").containsOnly(stream);
            assertThat(new ArrayList<>(entries.list().get(0).entrySet())).as("F1 fields unchanged, in their order")
                    .containsExactlyElementsOf(tricky.entrySet());
            assertThat(new ArrayList<>(entries.list().get(1).keySet())).as("F1 names in the order they were given")
                    .containsExactlyElementsOf(many.keySet());
        }
    }

    @Test
    @DisplayName("F2 one publisher's entries arrive in the order it published them, once each (2,000 entries)")
    void perPublisherOrder() {
        Transport publisher = newTransport();
        Transport other = newTransport();
        String stream = channel("f2");
        Entries first = new Entries();
        Entries second = new Entries();
        MessagingKit.ready(fields(other).subscribe(stream, first));
        MessagingKit.ready(fields(other).subscribe(stream, second));
        await("F2 the publisher is up").atMost(TckTimeouts.delivery())
                .until(() -> publisher.liveness().state() == LivenessState.UP);
        List<String> sent = new ArrayList<>();
        List<CompletionStage<Void>> published = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sent.add(Integer.toString(i));
            published.add(fields(publisher).publish(stream, entry("n", Integer.toString(i))));
        }
        published.forEach(TransportKitSupport::join); // a failed publish fails here, with its cause

        for (Entries entries : List.of(first, second)) {
            entries.awaitCount("F2", sent.size());
            assertThat(entries.values("n")).as("F2 every entry once, in publish order").containsExactlyElementsOf(sent);
        }
    }

    @Test
    @DisplayName("F3 the map a listener gets cannot be changed, and the publisher's map may change as soon as publish returns")
    void entriesAreUnmodifiableCopies() {
        Transport node = newTransport();
        String stream = channel("f3");
        Entries entries = new Entries();
        MessagingKit.ready(fields(node).subscribe(stream, entries));
        Map<String, String> mine = entry("k", "before");

        CompletionStage<Void> published = fields(node).publish(stream, mine);
        mine.put("k", "after"); // at once, before the stage completes: the transport must have taken its copy
        mine.put("extra", "x");
        join(published);

        entries.awaitCount("F3", 1);
        Map<String, String> received = entries.list().get(0);
        assertThat(received).as("F3 the entry as it was when published").containsExactly(Map.entry("k", "before"));
        assertThatThrownBy(() -> received.put("k", "changed")).as("F3 a listener cannot change the entry")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("F4 an entry of exactly maxPayloadBytes (names and values, UTF-8) arrives; one byte more, or no field,"
            + " fails through the stage and is not delivered")
    void sizeLimits() {
        Transport node = newTransport();
        String stream = channel("f4");
        Entries entries = new Entries();
        MessagingKit.ready(fields(node).subscribe(stream, entries));
        int max = node.messaging().limits().maxPayloadBytes();
        Map<String, String> largest = entry("f", MessagingKit.textOfUtf8Bytes(max - 1));
        Map<String, String> tooLarge = entry("f", MessagingKit.textOfUtf8Bytes(max));

        Throwable oversized = failureOf("F4", fields(node).publish(stream, tooLarge));
        Throwable empty = failureOf("F4", fields(node).publish(stream, Map.of()));
        join(fields(node).publish(stream, largest));
        join(fields(node).publish(stream, entry("marker", "m")));

        assertThat(oversized).as("F4 one byte over the limit").isInstanceOf(PayloadTooLargeException.class);
        assertThat(((PayloadTooLargeException) oversized).isTransient()).as("F4 retrying cannot help").isFalse();
        assertThat(empty).as("F4 an entry needs a field").isInstanceOf(IllegalArgumentException.class);
        entries.awaitCount("F4", 2);
        assertThat(entries.list()).as("F4 the largest entry and the marker, nothing refused")
                .containsExactly(largest, entry("marker", "m"));
    }

    @Test
    @DisplayName("F5 a stream name of exactly the channel limit works; one byte more is refused on subscribe and publish")
    void streamNameLimit() {
        Transport node = newTransport();
        int max = node.messaging().limits().maxChannelNameBytes();
        String longest = MessagingKit.padToUtf8Bytes(channel("f5-"), max);
        String tooLong = MessagingKit.padToUtf8Bytes(channel("f5-"), max + 1);
        Entries entries = new Entries();
        MessagingKit.ready(fields(node).subscribe(longest, entries));

        join(fields(node).publish(longest, entry("fits", "yes")));

        entries.awaitCount("F5", 1);
        assertThatThrownBy(() -> fields(node).subscribe(tooLong, entries)).as("F5 subscribing over the limit")
                .isInstanceOf(InvalidChannelNameException.class);
        assertThat(failureOf("F5", fields(node).publish(tooLong, entry("f", "x")))).as("F5 publishing over the limit")
                .isInstanceOf(InvalidChannelNameException.class);
        assertThat(failureOf("F5", fields(node).publish("", entry("f", "x")))).as("F5 publishing to an empty name")
                .isInstanceOf(InvalidChannelNameException.class);
        assertThatThrownBy(() -> fields(node).subscribe("", entries)).as("F5 subscribing to an empty name")
                .isInstanceOf(InvalidChannelNameException.class);
    }

    @Test
    @DisplayName("F6 closing a subscription stops its entries and leaves the others on the stream running")
    void closedSubscriptionGetsNothing() {
        Transport node = newTransport();
        Transport publisher = newTransport();
        String stream = channel("f6");
        Entries closed = new Entries();
        Entries open = new Entries();
        Subscription closing = MessagingKit.ready(fields(node).subscribe(stream, closed));
        MessagingKit.ready(fields(node).subscribe(stream, open));

        closing.close();
        closing.close(); // closing twice is harmless
        join(fields(publisher).publish(stream, entry("n", "after close")));

        open.awaitCount("F6", 1);
        assertThat(closed.count()).as("F6 a closed subscription receives nothing").isZero();
    }

    @Test
    @DisplayName("F7 after close, publish fails and subscribe throws with TransportClosedException")
    void useAfterClose() {
        Transport node = newTransport();
        FieldMessaging fields = fields(node);
        String stream = channel("f7");
        node.close();

        assertThat(failureOf("F7", fields.publish(stream, entry("f", "late")))).as("F7 publish after close")
                .isInstanceOf(TransportClosedException.class);
        assertThatThrownBy(() -> fields.subscribe(stream, new Entries())).as("F7 subscribe after close")
                .isInstanceOf(TransportClosedException.class);
    }

    @Test
    @DisplayName("F8 a listener that refuses some offers, or throws, gets every entry once, in order: what it refused"
            + " and what follows through onEntry")
    void refusedOffersAndFailuresComeThrough() {
        Transport node = newTransport();
        String stream = channel("f8");
        List<String> received = new ArrayList<>();
        AtomicInteger offers = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        MessagingKit.ready(fields(node).subscribe(stream, new FieldListener() {
            @Override
            public void onEntry(String name, Map<String, String> fields) {
                synchronized (received) {
                    received.add(fields.get("n"));
                }
                if (calls.incrementAndGet() % 7 == 0) {
                    throw new IllegalStateException("F8: a listener failing after it took an entry");
                }
            }

            @Override
            public boolean offerEntry(String name, Map<String, String> fields) {
                if (offers.incrementAndGet() % 3 == 0) {
                    return false; // as a full node does: this one must come again through onEntry
                }
                synchronized (received) {
                    received.add(fields.get("n"));
                }
                return true;
            }
        }));

        List<String> sent = new ArrayList<>();
        List<CompletionStage<Void>> published = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add("e" + i);
            published.add(fields(node).publish(stream, entry("n", "e" + i)));
        }
        published.forEach(TransportKitSupport::join);

        await("F8: waiting for 300 entries").atMost(TckTimeouts.delivery()).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    synchronized (received) {
                        return received.size() >= sent.size();
                    }
                });
        synchronized (received) {
            assertThat(received).as("F8 every entry once, in order (offers refused: %s of %s)",
                    offers.get() / 3, offers.get()).containsExactlyElementsOf(sent);
        }
    }

    @Test
    @DisplayName("F9 a subscriber of another stream gets nothing")
    void otherStreamsGetNothing() {
        Transport node = newTransport();
        Transport publisher = newTransport();
        String target = channel("f9-target");
        String other = channel("f9-other");
        Entries onOther = new Entries();
        MessagingKit.ready(fields(node).subscribe(other, onOther));

        join(fields(publisher).publish(target, entry("n", "not for you")));
        join(fields(publisher).publish(other, entry("n", "marker"))); // per-publisher order: the first is in by then

        onOther.awaitCount("F9", 1);
        assertThat(onOther.values("n")).as("F9 only the other stream's entry arrives").containsExactly("marker");
        assertThat(onOther.streams()).as("F9 with its stream's name").containsExactly(other);
    }
}
