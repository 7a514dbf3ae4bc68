package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.OverloadPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OrderedPublisher")
class OrderedPublisherTest {

    private final OrderedPublisher publisher = new OrderedPublisher();
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());

    private Supplier<CompletionStage<Void>> inline(String name) {
        return () -> {
            published.add(name);
            return CompletableFuture.completedFuture(null);
        };
    }

    private CompletionStage<Void> attachment(CompletableFuture<String> store) {
        return publisher.publishAfter(() -> store, id -> {
            published.add("header-" + id);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    @DisplayName("with nothing pending, a message is published at once on the caller's thread")
    void publishesAtOnce() {
        CompletionStage<Void> done = publisher.publish(inline("a"));

        assertThat(published).containsExactly("a");
        assertThat(done.toCompletableFuture()).isCompleted();
    }

    @Test
    @DisplayName("headers wait for their slow blobs, and later messages wait behind them, whatever order the blobs are stored in")
    void keepsOrderWithSlowBlobs() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();

        publisher.publish(inline("inline-0"));
        CompletionStage<Void> firstHeader = attachment(first);
        CompletionStage<Void> inline1 = publisher.publish(inline("inline-1"));
        attachment(second);
        CompletionStage<Void> inline2 = publisher.publish(inline("inline-2"));

        assertThat(published).containsExactly("inline-0");
        second.complete("b2");
        assertThat(published).as("a later blob stored first still waits").containsExactly("inline-0");
        assertThat(inline1.toCompletableFuture()).isNotDone();

        first.complete("b1");

        assertThat(published).containsExactly("inline-0", "header-b1", "inline-1", "header-b2", "inline-2");
        assertThat(firstHeader.toCompletableFuture()).isCompleted();
        assertThat(inline2.toCompletableFuture()).isCompleted();
    }

    @Test
    @DisplayName("blobs are stored at once, several in flight, not one after another")
    void storesConcurrently() {
        AtomicInteger storing = new AtomicInteger();
        CompletableFuture<String> never = new CompletableFuture<>();

        for (int i = 0; i < 3; i++) {
            publisher.publishAfter(() -> {
                storing.incrementAndGet();
                return never;
            }, id -> CompletableFuture.completedFuture(null));
        }

        assertThat(storing).hasValue(3);
    }

    @Test
    @DisplayName("a blob that cannot be stored fails its own message, publishes no header, and later messages go on")
    void failedStoreSkipsHeader() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletionStage<Void> header = attachment(failing);
        CompletionStage<Void> after = publisher.publish(inline("after"));

        failing.completeExceptionally(new IllegalStateException("store down"));

        assertThat(header.toCompletableFuture()).isCompletedExceptionally();
        assertThat(published).containsExactly("after");
        assertThat(after.toCompletableFuture()).isCompleted();
    }

    @Test
    @DisplayName("a publish that fails or throws fails its own stage only")
    void failedPublishIsItsOwn() {
        CompletionStage<Void> failed = publisher.publish(() -> CompletableFuture.failedFuture(new IllegalStateException("x")));
        CompletionStage<Void> thrown = publisher.publish(() -> {
            throw new IllegalStateException("y");
        });
        CompletionStage<Void> next = publisher.publish(inline("next"));

        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        assertThat(thrown.toCompletableFuture()).isCompletedExceptionally();
        assertThat(next.toCompletableFuture()).isCompleted();
        assertThat(published).containsExactly("next");
    }

    @Test
    @DisplayName("a message's stage completes when its own publish does")
    void stageFollowsPublish() {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        CompletionStage<Void> stage = publisher.publish(() -> slow);

        assertThat(stage.toCompletableFuture()).isNotDone();
        slow.complete(null);
        assertThat(stage.toCompletableFuture()).isCompleted();
    }

    @Test
    @DisplayName("REJECT: with the bound reached behind a slow blob, a new message fails at once, is counted, and never runs")
    void rejectRefusesTheNewMessage() {
        AtomicInteger overflows = new AtomicInteger();
        OrderedPublisher bounded = new OrderedPublisher(2, OverloadPolicy.REJECT, overflows::incrementAndGet);
        CompletableFuture<String> blob = new CompletableFuture<>();
        AtomicInteger stores = new AtomicInteger();
        bounded.publishAfter(() -> {
            stores.incrementAndGet();
            return blob;
        }, id -> record("header-" + id));
        CompletionStage<Void> kept = bounded.publish(() -> record("kept"));
        CompletionStage<Void> refused = bounded.publish(() -> record("refused"));
        CompletionStage<Void> refusedBlob = bounded.publishAfter(() -> {
            stores.incrementAndGet();
            return blob;
        }, id -> record("refused-header"));

        assertThat(refused.toCompletableFuture()).isCompletedExceptionally();
        assertThat(refusedBlob.toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> refused.toCompletableFuture().join()).hasCauseInstanceOf(TransportUnavailableException.class)
                .hasMessageContaining("refused").hasMessageContaining("REJECT");
        assertThat(stores).as("a refused attachment is not even stored").hasValue(1);
        assertThat(overflows).hasValue(2);
        assertThat(bounded.waiting()).isEqualTo(2);

        blob.complete("b");
        assertThat(published).containsExactly("header-b", "kept");
        assertThat(kept.toCompletableFuture()).isCompleted();
        assertThat(bounded.waiting()).isZero();
    }

    @Test
    @DisplayName("DROP_OLDEST: with the bound reached, the oldest waiting message fails and is counted; the new one goes out in order")
    void dropOldestMakesRoom() {
        AtomicInteger overflows = new AtomicInteger();
        OrderedPublisher bounded = new OrderedPublisher(3, OverloadPolicy.DROP_OLDEST, overflows::incrementAndGet);
        CompletableFuture<String> blob1 = new CompletableFuture<>();
        CompletableFuture<String> blob2 = new CompletableFuture<>();
        CompletionStage<Void> header1 = bounded.publishAfter(() -> blob1, id -> record("header-" + id));
        CompletionStage<Void> header2 = bounded.publishAfter(() -> blob2, id -> record("header-" + id));
        CompletionStage<Void> first = bounded.publish(() -> record("m1"));
        CompletionStage<Void> second = bounded.publish(() -> record("m2"));

        assertThat(header1.toCompletableFuture()).as("the oldest waiting is dropped").isCompletedExceptionally();
        assertThatThrownBy(() -> header1.toCompletableFuture().join()).hasCauseInstanceOf(TransportUnavailableException.class)
                .hasMessageContaining("oldest").hasMessageContaining("DROP_OLDEST");
        assertThat(overflows).hasValue(1);
        assertThat(bounded.waiting()).isEqualTo(3);
        assertThat(published).as("the rest still waits behind the second blob").isEmpty();

        blob2.complete("b2");
        assertThat(published).containsExactly("header-b2", "m1", "m2");
        assertThat(header2.toCompletableFuture()).isCompleted();
        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(second.toCompletableFuture()).isCompleted();
        blob1.complete("late");
        assertThat(published).as("a dropped header is never published").doesNotContain("header-late");
    }

    @Test
    @DisplayName("messages published from several threads while blobs complete on others keep each caller's order")
    void concurrentDrainKeepsOrder() throws Exception {
        OrderedPublisher unbounded = new OrderedPublisher(1_000_000, OverloadPolicy.REJECT, () -> { });
        List<CompletableFuture<String>> blobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CompletableFuture<String> blob = new CompletableFuture<>();
            blobs.add(blob);
            int n = i;
            unbounded.publishAfter(() -> blob, id -> record("h" + n));
            unbounded.publish(() -> record("i" + n));
        }
        Thread completer = new Thread(() -> {
            for (int i = blobs.size() - 1; i >= 0; i--) {
                blobs.get(i).complete("x");
            }
        });
        completer.start();
        completer.join();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("h" + i);
            expected.add("i" + i);
        }
        assertThat(published).containsExactlyElementsOf(expected);
    }

    private CompletionStage<Void> record(String name) {
        published.add(name);
        return CompletableFuture.completedFuture(null);
    }
}
