package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
}
