package io.siocluster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (e) A read of an attachment that fails for a moment (a lock held by a migration outlasting the receiver's network
 * timeout here; a database restart does the same) is tried again, not dropped: its sender saw the message published.
 * The blob is stored and its header sent while the attachments table is locked, so the receiver's read waits and
 * times out on the network timeout, five times in a row (the blob store's own retries on fresh connections: 1.5 s),
 * which fails the fetch transiently; the node must try again and deliver once the lock is gone (3 s).
 */
@DisplayName("reliability (e): an attachment read that fails for a moment is retried")
@ExtendWith(PostgresExtension.class)
class FetchRetryTest {

    private static final Duration NETWORK_TIMEOUT = Duration.ofMillis(300);
    private static final Duration LOCKED_FOR = Duration.ofSeconds(3);

    private final PostgresDatabase db;

    FetchRetryTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("a binary broadcast whose blob cannot be read for 3 s (ten network timeouts) still arrives, nothing dropped")
    void readRetriedAfterTransientFailures() throws Exception {
        try (TestCluster cluster = new TestCluster(db, "fetchretry")) {
            ClusterNode receiver = cluster.node(cluster.transportOptions(db.jdbcUrl())
                    .option(PostgresOptions.NETWORK_TIMEOUT, NETWORK_TIMEOUT), cluster.clusterOptions().build());
            FakeLocalSide sockets = new FakeLocalSide("receiver").addSocket("r1");
            ClusterNamespace namespace = receiver.namespace("/", sockets);
            namespace.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // A first binary broadcast the usual way: the path works, and the attachments table exists.
            ClusterNamespace peer = cluster.node().namespace("/", new FakeLocalSide("peer"));
            peer.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            peer.broadcast(BroadcastPacket.event("warm", new byte[] {0}), BroadcastOptions.ALL).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> sockets.delivered("r1", "warm").size() == 1);

            ProtocolCodec codec = ProtocolCodec.createDefault();
            String sender = "a-sender-of-attachments";
            Envelope envelope = new Envelope(sender, "/",
                    Broadcast.of(BroadcastPacket.event("bin", 1, new byte[] {1, 2, 3}), BroadcastOptions.ALL));
            String id;
            try (Transport store = Transports.create(cluster.transportOptions(db.jdbcUrl()).build())) {
                id = store.blobStore().orElseThrow().put(codec.encodeMsgpack(envelope)).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
            }
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("LOCK TABLE \"" + cluster.table() + "\" IN ACCESS EXCLUSIVE MODE");
                try (Connection notifier = db.connect(); PreparedStatement notify = notifier.prepareStatement(
                        "SELECT pg_notify(?, ?)")) {
                    notify.setString(1, cluster.channel());
                    notify.setString(2, codec.encodeHeader(new AttachmentHeader(sender, MessageType.BROADCAST, id, "/")));
                    notify.execute();
                }
                await().pollDelay(LOCKED_FOR).atMost(LOCKED_FOR.plusSeconds(1)).until(() -> true); // the read fails meanwhile
                assertThat(sockets.delivered("r1", "bin")).as("not before the lock is gone").isEmpty();
                connection.commit();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> sockets.delivered("r1", "bin").size() == 1);
            System.out.printf("FetchRetryTest: delivered after the lock; receiver drops %s%n", receiver.stats().drops());
            assertThat(receiver.stats().drops().values()).as("nothing dropped").allMatch(count -> count == 0);
        }
    }
}
