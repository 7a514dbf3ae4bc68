package io.siocluster.core.cluster.internal;

import static io.siocluster.core.cluster.internal.PendingResponsesTest.timeoutOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.cluster.internal.PendingResponsesTest.Timeout;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingBroadcastAcks")
class PendingBroadcastAcksTest {

    @Test
    @DisplayName("completes once every node has given its client count and every counted client has acknowledged")
    void completesWhenAllIn() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self", "p1"), Timeout::new);

        request.clientCount("self", 1);
        request.ack("self", "s1");
        request.clientCount("p1", 2);
        request.ack("p1", "a");
        assertThat(request.isDone()).isFalse();
        request.ack("p1", "b");

        assertThat(request.result().join()).containsExactly("s1", "a", "b");
    }

    @Test
    @DisplayName("acknowledgements that come before their node's count are kept")
    void acksBeforeCount() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self"), Timeout::new);

        request.ack("self", "early");
        assertThat(request.isDone()).as("the count is not in yet").isFalse();
        request.clientCount("self", 1);

        assertThat(request.result().join()).containsExactly("early");
    }

    @Test
    @DisplayName("a node with no matching client completes with a count of 0")
    void zeroClients() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self", "p1"), Timeout::new);

        request.clientCount("self", 0);
        request.clientCount("p1", 0);

        assertThat(request.result().join()).isEmpty();
    }

    @Test
    @DisplayName("a node that leaves is no longer waited for, neither its count nor its clients' acknowledgements")
    void peerLeft() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self", "p1", "p2"), Timeout::new);
        request.clientCount("self", 0);
        request.clientCount("p1", 2);
        request.ack("p1", "a");

        request.peerLeft("p1");
        assertThat(request.isDone()).isFalse();
        request.peerLeft("p2");

        assertThat(request.result().join()).containsExactly("a");
    }

    @Test
    @DisplayName("counts and acknowledgements from nodes not awaited are ignored")
    void strangers() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self"), Timeout::new);

        request.clientCount("stranger", 5);
        request.ack("stranger", "x");
        request.clientCount("self", 0);

        assertThat(request.result().join()).isEmpty();
    }

    @Test
    @DisplayName("on timeout it fails with the acknowledgements that came, counting a missing count as one")
    void timeout() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self", "p1", "p2"), Timeout::new);
        request.clientCount("self", 3);
        request.ack("self", "s1");
        request.clientCount("p1", 1);
        request.ack("p1", "a");

        request.timeOut();

        Timeout timeout = timeoutOf(request.result());
        assertThat(timeout.partial).containsExactly("s1", "a");
        assertThat(timeout.missing).as("two acknowledgements of self, and p2's count").isEqualTo(3);
    }

    @Test
    @DisplayName("nodes awaited by number: each uid that answers takes a place, and its acks are awaited like a named node's")
    void unnamedNodes() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self"), 1,
                Timeout::new);
        request.clientCount("self", 0);
        request.clientCount("node", 2);
        request.ack("node", "first");
        request.clientCount("stranger", 5);
        assertThat(request.isDone()).isFalse();

        request.ack("node", "second");

        assertThat(request.result().join()).containsExactly("first", "second");
    }

    @Test
    @DisplayName("nodes awaited by number that never answer keep the request waiting until its timeout")
    void unnamedNodesMissing() {
        PendingBroadcastAcks request = new PendingBroadcastAcks(List.of("self"), 2,
                Timeout::new);
        request.clientCount("self", 0);
        request.clientCount("node", 0);
        assertThat(request.isDone()).isFalse();

        request.timeOut();

        assertThat(timeoutOf(request.result()).missing).isEqualTo(1);
    }
}
