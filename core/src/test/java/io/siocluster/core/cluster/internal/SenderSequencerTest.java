package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SenderSequencer")
class SenderSequencerTest {

    private final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    // a direct executor is serial too, and makes each step observable at once
    private final SenderSequencer<String> sequencer = new SenderSequencer<>(Runnable::run, delivered::add);

    private static CompletableFuture<Optional<String>> ready(String message) {
        return CompletableFuture.completedFuture(Optional.of(message));
    }

    @Test
    @DisplayName("a sender's messages wait for an earlier one still being fetched")
    void waitsForEarlierAttachment() {
        CompletableFuture<Optional<String>> attachment = new CompletableFuture<>();

        sequencer.submit("a", attachment);
        sequencer.submit("a", ready("a2"));
        assertThat(delivered).isEmpty();

        attachment.complete(Optional.of("a1"));
        assertThat(delivered).containsExactly("a1", "a2");
    }

    @Test
    @DisplayName("fetches completing in reverse order are delivered in the sender's order")
    void reverseCompletion() {
        List<CompletableFuture<Optional<String>>> fetches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Optional<String>> fetch = new CompletableFuture<>();
            fetches.add(fetch);
            sequencer.submit("a", fetch);
        }

        for (int i = 4; i >= 0; i--) {
            fetches.get(i).complete(Optional.of("m" + i));
        }

        assertThat(delivered).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    @DisplayName("senders do not wait for each other")
    void sendersIndependent() {
        CompletableFuture<Optional<String>> slow = new CompletableFuture<>();

        sequencer.submit("a", slow);
        sequencer.submit("b", ready("b1"));
        assertThat(delivered).containsExactly("b1");

        slow.complete(Optional.of("a1"));
        assertThat(delivered).containsExactly("b1", "a1");
    }

    @Test
    @DisplayName("a message that turns out empty (blob gone) or fails is skipped without holding up the next")
    void skipsEmptyAndFailed() {
        CompletableFuture<Optional<String>> gone = new CompletableFuture<>();
        CompletableFuture<Optional<String>> failed = new CompletableFuture<>();

        sequencer.submit("a", gone);
        sequencer.submit("a", failed);
        sequencer.submit("a", ready("a3"));
        gone.complete(Optional.empty());
        failed.completeExceptionally(new IllegalStateException("fetch failed"));

        assertThat(delivered).containsExactly("a3");
    }

    @Test
    @DisplayName("a handler that throws does not stop the sender's later messages")
    void survivesThrowingSink() {
        List<String> seen = new ArrayList<>();
        SenderSequencer<String> throwing = new SenderSequencer<>(Runnable::run, message -> {
            seen.add(message);
            throw new IllegalStateException("handler failed");
        });

        throwing.submit("a", ready("a1"));
        throwing.submit("a", ready("a2"));

        assertThat(seen).containsExactly("a1", "a2");
    }

    @Test
    @DisplayName("on a real thread, many senders' messages, half of them delayed, arrive in each sender's order")
    void realExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ExecutorService fetchers = Executors.newFixedThreadPool(4);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        SenderSequencer<String> real = new SenderSequencer<>(executor, out::add);
        try {
            for (int i = 0; i < 200; i++) {
                for (String sender : List.of("a", "b", "c")) {
                    String message = sender + i;
                    real.submit(sender, i % 2 == 0 ? ready(message)
                            : CompletableFuture.supplyAsync(() -> Optional.of(message), fetchers));
                }
            }
            fetchers.shutdown();
            assertThat(fetchers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (out.size() < 600 && System.nanoTime() < deadline) {
                executor.submit(() -> { }).get(10, TimeUnit.SECONDS); // each delivery queues the next behind it
            }
        } finally {
            executor.shutdownNow();
        }
        for (String sender : List.of("a", "b", "c")) {
            assertThat(out.stream().filter(m -> m.startsWith(sender)).toList())
                    .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> sender + i).toList());
        }
    }
}
