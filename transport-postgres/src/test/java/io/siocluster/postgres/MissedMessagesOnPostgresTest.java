package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NOTIFY is at most once: what a peer published while this node's LISTEN connection was gone is lost for it.
 * The node must count exactly those messages, from the peer's message numbers: the listener's backend is
 * killed ({@code pg_terminate_backend}) while a peer broadcasts 200 messages a second, and the count of missed
 * messages equals published minus received.
 */
@DisplayName("missed messages on PostgreSQL")
@ExtendWith(PostgresExtension.class)
class MissedMessagesOnPostgresTest {

    private static final int MESSAGES = 400;
    private static final int KILL_AT = 100;
    private static final long PERIOD_MICROS = 5_000; // 200 messages a second

    private final PostgresDatabase db;

    MissedMessagesOnPostgresTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("a killed LISTEN backend mid-traffic: the messages counted missed are exactly those that did not arrive")
    void countsExactlyWhatWasLost() throws Exception {
        String table = db.uniqueTableName("missed");
        ListenerFaults faults = new ListenerFaults(db);
        // Heartbeats are numbered too: slow enough that the peer sends none during the test, so that its
        // broadcasts are all it publishes after it opened.
        ClusterOptions options = ClusterOptions.builder().discoveryWindow(Duration.ZERO)
                .heartbeatInterval(Duration.ofMinutes(5)).heartbeatTimeout(Duration.ofMinutes(10)).build();
        Transport receiverTransport = Transports.create(faults.install(TestTransports.options(db, table)).build());
        Transport senderTransport = Transports.create(TestTransports.options(db, table).build());
        ClusterNode receiver = ClusterNode.start(receiverTransport, options);
        ClusterNode sender = ClusterNode.start(senderTransport, options);
        try {
            FakeLocalSide local = new FakeLocalSide("receiver").addSocket("s1");
            join(receiver.namespace("/", local).ready());
            ClusterNamespace publisher = sender.namespace("/", new FakeLocalSide("sender"));
            join(publisher.ready());

            PacedTraffic.run(MESSAGES, PERIOD_MICROS, KILL_AT,
                    () -> faults.cut(receiverTransport).close(), // terminate the backend; reconnecting stays allowed
                    i -> publisher.broadcast(BroadcastPacket.event("m", i), BroadcastOptions.ALL).toCompletableFuture());
            // the last message is counted with whatever it follows before it reaches the socket
            await().atMost(Duration.ofSeconds(15)).until(() -> local.received("s1").stream()
                    .anyMatch(packet -> packet.data().get(1) instanceof Number n && n.intValue() == MESSAGES - 1));

            int received = local.received("s1").size();
            long missed = receiver.stats().drops(DropReason.MISSED);
            System.out.printf("MissedMessagesOnPostgresTest: %d published, %d received, %d counted missed%n",
                    MESSAGES, received, missed);
            assertThat(missed).as("missed = published - received").isEqualTo(MESSAGES - received);
            // a killed backend takes well over a period (5 ms) to notice and replace: something is always lost
            assertThat(missed).as("the kill lost messages").isPositive();
        } finally {
            sender.close();
            receiver.close();
            senderTransport.close();
            receiverTransport.close();
        }
    }
}
