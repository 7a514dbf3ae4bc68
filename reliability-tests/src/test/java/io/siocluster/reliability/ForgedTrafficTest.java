package io.siocluster.reliability;

import io.siocluster.netty.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (c) Forged and malformed bus traffic: 10,000 payloads written with {@code pg_notify} straight onto the cluster's
 * channel ({@link ForgedPayloads}) while one netty-socketio server broadcasts at 200 messages a second to a real
 * Socket.IO client of the other. Nothing legitimate may be lost, the log must stay short, the peers known must not
 * change, and the heap must come back.
 */
@DisplayName("reliability (c): forged and malformed bus messages next to legitimate traffic")
@ExtendWith(PostgresExtension.class)
class ForgedTrafficTest {

    private static final int FORGED = 10_000;
    private static final int BATCH = 100;
    /** 100 batches of 100, one every 50 ms: the flood lasts about 5 s, the legitimate traffic a little longer. */
    private static final long BATCH_PERIOD_MILLIS = 50;
    private static final long LEGIT_PERIOD_MICROS = 5_000; // 200 messages a second
    private static final int MAX_LOG_LINES = 50;
    private static final long HEAP_SLACK_MB = 32;

    private final PostgresDatabase db;

    ForgedTrafficTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("10,000 forged messages at 200 legitimate msgs/s between two servers: a client gets all, < 50 log lines, peers unchanged, heap back")
    void forgedFlood() throws Exception {
        try (TestCluster cluster = new TestCluster(db, "forged");
                ClusteredServer receiver = new ClusteredServer(cluster.transportOptions(db.jdbcUrl()).build(),
                        cluster.clusterOptions().build());
                ClusteredServer sender = new ClusteredServer(cluster.transportOptions(db.jdbcUrl()).build(),
                        cluster.clusterOptions().build());
                CountingClient client = CountingClient.connect(receiver.url())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.node().existingNamespace("/").isPresent()
                    && sender.node().existingNamespace("/").isPresent());
            ClusterNamespace receiverNsp = receiver.defaultNamespace();
            ClusterNamespace senderNsp = sender.defaultNamespace();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiverNsp.peers().size() == 1 && senderNsp.peers().size() == 1);
            Set<String> receiverPeers = Set.copyOf(receiverNsp.peers());
            Set<String> senderPeers = Set.copyOf(senderNsp.peers());
            long heapBefore = Heap.usedAfterGc();

            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService legit = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tck-legit"));
            long floodNanos;
            List<String> lines;
            try (CapturedLog log = new CapturedLog()) {
                // The drop-in way: netty-socketio's own broadcast, which the binding forwards to the cluster.
                legit.scheduleAtFixedRate(() -> sender.server().getBroadcastOperations().sendEvent("legit", sent.getAndIncrement()),
                        0, LEGIT_PERIOD_MICROS, TimeUnit.MICROSECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.count("legit") >= 100); // traffic flows
                long start = System.nanoTime();
                forge(cluster.channel(), senderNsp.uid());
                floodNanos = System.nanoTime() - start;
                long sentAtFloodEnd = sent.get();
                await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() >= sentAtFloodEnd + 100); // and after it
                legit.shutdown();
                assertThat(legit.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> client.count("legit") >= sent.get());
                Thread.sleep(1_000); // what the flood still makes the nodes say comes now
                lines = log.lines();
            }
            long heapAfter = Heap.usedAfterGc();

            ClusterNode receiverNode = receiver.node();
            ClusterNode senderNode = sender.node();
            System.out.printf("ForgedTrafficTest: %d forged messages in %d ms next to %d legitimate broadcasts; the client"
                    + " on the other server received %d; %d log lines; peers %s -> %s; heap after GC %d MB -> %d MB;"
                    + " receiver drops %s%n", FORGED, floodNanos / 1_000_000, sent.get(), client.count("legit"),
                    lines.size(), receiverPeers, receiverNsp.peers(), Heap.mb(heapBefore), Heap.mb(heapAfter),
                    receiverNode.stats().drops());
            lines.forEach(line -> System.out.println("  | " + line));
            assertThat(senderNode.stats().drops(DropReason.PUBLISH_FAILED)).isZero();
            assertThat(senderNode.stats().localOnlyOperations()).isZero();
            assertThat(client.count("legit")).as("0 legitimate messages lost").isEqualTo(sent.get());
            assertThat(client.count(ForgedPayloads.FORGED_EVENT)).isZero();
            assertThat(receiverNode.stats().drops(DropReason.MALFORMED)).as("the flood was read and refused").isPositive();
            assertThat(lines).hasSizeLessThan(MAX_LOG_LINES);
            assertThat(receiverNsp.peers()).isEqualTo(receiverPeers);
            assertThat(senderNsp.peers()).isEqualTo(senderPeers);
            assertThat(Heap.mb(heapAfter - heapBefore)).as("heap back within " + HEAP_SLACK_MB + " MB")
                    .isLessThan(HEAP_SLACK_MB);
        }
    }

    /** Writes the forged payloads straight to the channel, 100 per statement, one statement every 50 ms. */
    private void forge(String channel, String legitimateUid) throws Exception {
        ForgedPayloads payloads = new ForgedPayloads(42, legitimateUid);
        try (Connection connection = db.connect();
                PreparedStatement notify = connection.prepareStatement(
                        "SELECT pg_notify(?, p) FROM unnest(?::text[]) WITH ORDINALITY t(p, o) ORDER BY o")) {
            for (int sentForged = 0; sentForged < FORGED; sentForged += BATCH) {
                long started = System.nanoTime();
                List<String> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    batch.add(payloads.next(sentForged + i) + " ".repeat(i % 2)); // unique in the batch: none folded
                }
                Array array = connection.createArrayOf("text", batch.toArray());
                notify.setString(1, channel);
                notify.setArray(2, array);
                notify.execute();
                array.free();
                long left = BATCH_PERIOD_MILLIS - (System.nanoTime() - started) / 1_000_000;
                if (left > 0) {
                    Thread.sleep(left);
                }
            }
        }
    }
}
