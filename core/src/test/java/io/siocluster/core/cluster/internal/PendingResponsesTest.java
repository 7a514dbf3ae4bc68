package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingResponses")
class PendingResponsesTest {

    /** Stands in for ClusterTimeoutException, which this package cannot name. */
    static final class Timeout extends RuntimeException {
        final List<@Nullable Object> partial;
        final int missing;

        Timeout(String message, List<@Nullable Object> partial, int missing) {
            super(message);
            this.partial = List.copyOf(partial);
            this.missing = missing;
        }
    }

    static Timeout timeoutOf(java.util.concurrent.CompletableFuture<?> result) {
        assertThat(result).isCompletedExceptionally();
        try {
            result.join();
        } catch (CompletionException e) {
            return (Timeout) e.getCause();
        }
        throw new AssertionError("not failed");
    }

    @Test
    @DisplayName("completes once every awaited peer has answered: initial results first, then answers as they came")
    void completesWhenAllAnswered() {
        PendingResponses request = new PendingResponses(Set.of("p1", "p2"), List.of("local"), Timeout::new);

        request.answer("p2", List.of("from-p2"));
        assertThat(request.isDone()).isFalse();
        request.answer("p1", List.of("from-p1a", "from-p1b"));

        assertThat(request.result().join()).containsExactly("local", "from-p2", "from-p1a", "from-p1b");
    }

    @Test
    @DisplayName("with no peer to wait for it is complete at once")
    void noPeers() {
        PendingResponses request = new PendingResponses(Set.of(), List.of("local"), Timeout::new);

        assertThat(request.isDone()).isTrue();
        assertThat(request.result().join()).containsExactly("local");
    }

    @Test
    @DisplayName("answers from peers not awaited, and second answers, are ignored")
    void ignoresStrangers() {
        PendingResponses request = new PendingResponses(Set.of("p1"), List.of(), Timeout::new);

        request.answer("stranger", List.of("x"));
        assertThat(request.isDone()).isFalse();
        request.answer("p1", List.of("a"));
        request.answer("p1", List.of("again"));

        assertThat(request.result().join()).containsExactly("a");
    }

    @Test
    @DisplayName("a peer that leaves is no longer waited for; one that answered before leaving keeps its answer")
    void peerLeft() {
        PendingResponses request = new PendingResponses(Set.of("p1", "p2"), List.of(), Timeout::new);

        request.answer("p1", List.of("a"));
        request.peerLeft("p1");
        assertThat(request.isDone()).isFalse();
        request.peerLeft("p2");

        assertThat(request.result().join()).containsExactly("a");
    }

    @Test
    @DisplayName("on timeout it fails with Socket.IO's message, the answers that came and the number missing")
    void timeout() {
        PendingResponses request = new PendingResponses(Set.of("p1", "p2", "p3"), List.of("local"), Timeout::new);
        request.answer("p2", List.of("b"));

        request.timeOut();

        Timeout timeout = timeoutOf(request.result());
        assertThat(timeout).hasMessage("timeout reached: missing 2 responses");
        assertThat(timeout.partial).containsExactly("local", "b");
        assertThat(timeout.missing).isEqualTo(2);
    }

    @Test
    @DisplayName("a timeout after completion changes nothing, and answers after a timeout are harmless")
    void lateEvents() {
        PendingResponses done = new PendingResponses(Set.of("p1"), List.of(), Timeout::new);
        done.answer("p1", List.of("a"));
        done.timeOut();
        assertThat(done.result().join()).containsExactly("a");

        PendingResponses timedOut = new PendingResponses(Set.of("p1"), List.of(), Timeout::new);
        timedOut.timeOut();
        timedOut.answer("p1", List.of("late"));
        assertThatThrownBy(() -> timedOut.result().join()).hasCauseInstanceOf(Timeout.class);
    }

    @Test
    @DisplayName("peers awaited by number: the first answer of each uid fills a place, a second answer of one uid does not")
    void unnamedPeers() {
        PendingResponses request = new PendingResponses(Set.of(), 2, List.of("local"), Timeout::new);

        request.answer("n1", List.of("a"));
        request.answer("n1", List.of("again"));
        assertThat(request.isDone()).isFalse();
        request.answer("n2", List.of("b"));
        request.answer("n3", List.of("late"));

        assertThat(request.result().join()).containsExactly("local", "a", "b");
    }

    @Test
    @DisplayName("peers awaited by number: on timeout the missing count says how many places were not filled")
    void unnamedPeersTimeOut() {
        PendingResponses request = new PendingResponses(Set.of("p1"), 2, List.of(), Timeout::new);
        request.answer("n1", List.of("a"));

        request.timeOut();

        Timeout timeout = timeoutOf(request.result());
        assertThat(timeout.missing).isEqualTo(2);
        assertThat(timeout.partial).containsExactly("a");
    }

    @Test
    @DisplayName("peers awaited by number are forgotten when the request never reached them")
    void forgetUnnamed() {
        PendingResponses request = new PendingResponses(Set.of(), 3, List.of("local"), Timeout::new);

        request.forgetUnnamed();

        assertThat(request.result().join()).containsExactly("local");
    }
}
