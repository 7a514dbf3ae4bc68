package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("attachment fetches")
class AttachmentFetchesTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> started = new ArrayList<>();
    private final List<CompletableFuture<Optional<byte[]>>> calls = new ArrayList<>();

    private CompletionStage<Optional<byte[]>> heldGet(String id) {
        CompletableFuture<Optional<byte[]>> call = new CompletableFuture<>();
        synchronized (this) {
            started.add(id);
            calls.add(call);
        }
        return call;
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    @DisplayName("at most maxInFlight run at once, and waiting senders are served in turn")
    void boundedAndInTurn() {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 10, Duration.ofSeconds(30), timer, Duration.ofSeconds(30));
        fetches.fetch("a", "a1");
        fetches.fetch("a", "a2");
        fetches.fetch("a", "a3");
        fetches.fetch("b", "b1");
        assertThat(started).containsExactly("a1");

        calls.get(0).complete(Optional.empty());
        calls.get(1).complete(Optional.empty());
        calls.get(2).complete(Optional.empty());
        assertThat(started).containsExactly("a1", "a2", "b1", "a3");
    }

    @Test
    @DisplayName("a sender over its queue bound is refused at once, other senders are not")
    void perSenderBound() {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 2, Duration.ofSeconds(30), timer, Duration.ofSeconds(30));
        fetches.fetch("flood", "f1"); // running
        fetches.fetch("flood", "f2");
        fetches.fetch("flood", "f3");
        CompletableFuture<Optional<byte[]>> refused = fetches.fetch("flood", "f4").toCompletableFuture();
        CompletableFuture<Optional<byte[]>> other = fetches.fetch("real", "r1").toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThat(other).isNotDone();
        assertThat(fetches.pending()).isEqualTo(4);
    }

    @Test
    @DisplayName("a fetch that never completes gives up after the timeout, tried again until its retry time is over, and frees its place")
    void timeout() throws Exception {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 10, Duration.ofMillis(100), timer, Duration.ofMillis(250));
        CompletableFuture<Optional<byte[]>> stuck = fetches.fetch("a", "a1").toCompletableFuture();
        fetches.fetch("a", "a2");

        try {
            stuck.get(5, TimeUnit.SECONDS);
            throw new AssertionError("the stuck fetch must fail");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        }
        synchronized (this) {
            assertThat(started).as("a1 tried again after a timeout").filteredOn("a1"::equals).hasSizeGreaterThanOrEqualTo(2);
            assertThat(started).as("its place freed for a2").contains("a2");
        }
    }

    @Test
    @DisplayName("a try that timed out is tried again, and the fetch succeeds when the next try is answered")
    void timedOutTryRetried() throws Exception {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 10, Duration.ofMillis(100), timer,
                Duration.ofSeconds(30));
        CompletableFuture<Optional<byte[]>> slow = fetches.fetch("a", "a1").toCompletableFuture(); // first try hangs
        // every later try is answered (on a slow machine one may time out too before it is)
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (int i = 1; i < startedCount(); i++) {
                call(i).complete(Optional.of(new byte[] {5}));
            }
            return slow.isDone();
        });
        call(0).complete(Optional.of(new byte[] {9})); // the abandoned first try's late answer is ignored

        assertThat(slow.get(5, TimeUnit.SECONDS)).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(5));
    }

    @Test
    @DisplayName("a fetch that fails transiently is tried again after a pause, while the others go on, and then succeeds")
    void transientFailureRetried() throws Exception {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 10, Duration.ofSeconds(30), timer,
                Duration.ofSeconds(30));
        CompletableFuture<Optional<byte[]>> first = fetches.fetch("a", "a1").toCompletableFuture();
        fetches.fetch("a", "a2");
        fetches.fetch("b", "b1");
        call(0).completeExceptionally(new TransportUnavailableException("the database is restarting"));
        await().atMost(Duration.ofSeconds(5)).until(() -> startedCount() == 2); // a2 while a1 pauses
        call(1).complete(Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> startedCount() == 3); // b1
        call(2).complete(Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> startedCount() == 4); // a1 again, once its pause is over
        synchronized (this) {
            assertThat(started).containsExactly("a1", "a2", "b1", "a1");
        }
        assertThat(first).isNotDone();
        call(3).complete(Optional.of(new byte[] {7}));

        assertThat(first.get(5, TimeUnit.SECONDS)).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(7));
    }

    @Test
    @DisplayName("a fetch pausing before its next try still counts as pending, and no longer once it succeeds")
    void pausingFetchIsPending() throws Exception {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 10, Duration.ofSeconds(30), timer,
                Duration.ofSeconds(30));
        CompletableFuture<Optional<byte[]>> fetch = fetches.fetch("a", "a1").toCompletableFuture();

        call(0).completeExceptionally(new TransportUnavailableException("the database is restarting"));
        assertThat(fetches.pending()).as("pausing (or already tried again)").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> startedCount() == 2);
        assertThat(fetches.pending()).as("tried again").isEqualTo(1);
        call(1).complete(Optional.of(new byte[] {1}));

        assertThat(fetch.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(fetches.pending()).isZero();
    }

    @Test
    @DisplayName("a non-transient failure is not retried, nor a transient one once its retry time has passed")
    void permanentFailureAndRetryTimeEnd() throws Exception {
        AttachmentFetches fetches = new AttachmentFetches(this::heldGet, 1, 10, Duration.ofSeconds(30), timer,
                Duration.ofSeconds(1));
        CompletableFuture<Optional<byte[]>> closed = fetches.fetch("a", "a1").toCompletableFuture();
        call(0).completeExceptionally(new TransportClosedException("closed"));
        assertThat(closed).isCompletedExceptionally();

        CompletableFuture<Optional<byte[]>> flaky = fetches.fetch("a", "a2").toCompletableFuture();
        for (int i = 1; !flaky.isDone(); i++) {
            int n = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> startedCount() > n || flaky.isDone());
            if (!flaky.isDone()) {
                call(n).completeExceptionally(new TransportUnavailableException("still down"));
            }
        }
        assertThat(flaky).isCompletedExceptionally();
        assertThat(startedCount()).as("a2 tried more than once within 1 s, then given up").isBetween(3, 10);
    }

    private synchronized int startedCount() {
        return started.size();
    }

    private synchronized CompletableFuture<Optional<byte[]>> call(int i) {
        return calls.get(i);
    }
}
