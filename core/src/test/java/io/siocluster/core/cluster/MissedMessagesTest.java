package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node counts, per sender, the numbered messages that never reached it: exactly those a peer published
 * while this node was cut off the bus, and none when nothing was lost.
 */
@DisplayName("missed messages")
class MissedMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    // Heartbeats are numbered too: slow enough that none goes out during the test, so that the count is exact.
    private final ClusterOptions options = ClusterOptions.builder().discoveryWindow(Duration.ZERO)
            .heartbeatInterval(Duration.ofMinutes(5)).heartbeatTimeout(Duration.ofMinutes(10)).build();
    private final InMemoryBus bus = InMemoryBus.create();
    private final InMemoryTransport receiverTransport = bus.newTransport();
    private final InMemoryTransport senderTransport = bus.newTransport();
    private final RecordingLocalSide received = new RecordingLocalSide();
    private final ClusterNode receiver = ClusterNode.start(receiverTransport, options);
    private final ClusterNode sender = ClusterNode.start(senderTransport, options);

    @AfterEach
    void tearDown() {
        sender.close();
        receiver.close();
        senderTransport.close();
        receiverTransport.close();
    }

    @Test
    @DisplayName("a peer publishes 25 messages while this node is cut off: exactly 25 are counted missed")
    void countsWhatAnOutageLost() throws Exception {
        ClusterNamespace publisher = open();
        publish(publisher, "before", 5);
        await().atMost(WAIT).until(() -> received.broadcasts.size() == 5);

        InMemoryTransport.Outage outage = receiverTransport.simulateOutage();
        publish(publisher, "during", 25);
        outage.close();
        publish(publisher, "after", 5);

        await().atMost(WAIT).until(() -> received.broadcasts.size() == 10);
        assertThat(received.broadcasts).noneMatch(packet -> packet.data().contains("during"));
        assertThat(receiver.stats().drops(DropReason.MISSED)).isEqualTo(25);
        assertThat(sender.stats().drops(DropReason.MISSED)).isZero();
    }

    @Test
    @DisplayName("without an outage nothing is counted missed")
    void nothingLost() throws Exception {
        ClusterNamespace publisher = open();
        publish(publisher, "e", 40);

        await().atMost(WAIT).until(() -> received.broadcasts.size() == 40);
        assertThat(receiver.stats().drops()).allSatisfy((reason, count) -> assertThat(count).isZero());
    }

    private ClusterNamespace open() throws Exception {
        receiver.namespace("/", received).ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        ClusterNamespace publisher = sender.namespace("/", new RecordingLocalSide());
        publisher.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return publisher;
    }

    private static void publish(ClusterNamespace publisher, String event, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            publisher.broadcast(BroadcastPacket.event(event, i), BroadcastOptions.ALL).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        }
    }
}
