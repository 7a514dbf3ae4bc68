package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The order of one publisher's XADDs on a Redis Cluster, checked where it is decided: in the stream itself
 * ({@code XRANGE} after the burst), for pipelined bursts (many XADDs in flight, as a busy node publishes) while
 * answers come late and while the stream's slot moves to another primary. Before the cluster publisher wrote each
 * node's XADDs itself (Lettuce routing them), the migration test failed 3 runs of 3: XADDs redirected by the old owner
 * were stored behind newer ones. The late-answer test passed those 3 runs; the race it aims at (a timer's re-flush
 * overtaking the publisher's own flush) showed in 1 of 15 bursts of the kit's M3 shape under load, 4 of 15 with a
 * 1 ms re-flush, and 0 of 15 without re-flushes.
 */
class ClusterPublishOrderTest {

    private static final int PUBLISHERS = 2;
    private static final int IN_FLIGHT = 1_000;

    @Test
    @DisplayName("pipelined bursts while the stream's node answers late (CLIENT PAUSE): each publisher's entries are stored in order")
    void lateAnswers() throws Exception {
        RedisClusterServers cluster = RedisClusterServers.shared();
        String prefix = TestTransports.uniquePrefix("late");
        String key = prefix + "c";
        int node = cluster.nodeOfSlot(SlotHash.getSlot(key));
        RedisClient pauser = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + cluster.port(node)));
        AtomicBoolean done = new AtomicBoolean();
        try (StatefulRedisConnection<String, String> pauses = pauser.connect()) {
            CompletableFuture<Void> stalls = CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    pauses.sync().clientPause(15); // every client of the node waits 15 ms for its answers
                    // a deliberate pace between stalls (not a wait for a condition): answers flow for a while
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
                }
            });
            try {
                burst(cluster, prefix, "c", 20_000, null);
            } finally {
                done.set(true);
                stalls.get(10, TimeUnit.SECONDS);
            }
            assertStoredInOrder(cluster, key, 20_000);
        } finally {
            pauser.shutdown();
        }
    }

    @Test
    @DisplayName("pipelined bursts while the stream's slot migrates to another primary (ASK, then MOVED): every entry stored once, in order")
    void slotMigratedMidBurst() throws Exception {
        try (RedisClusterServers cluster = RedisClusterServers.start(3, false)) {
            String prefix = TestTransports.uniquePrefix("migrate");
            String key = prefix + "c";
            int slot = SlotHash.getSlot(key);
            int from = cluster.nodeOfSlot(slot);
            int to = (from + 1) % cluster.size();
            burst(cluster, prefix, "c", 30_000, () -> SlotMigration.migrate(cluster, slot, from, to));
            assertThat(cluster.nodeOfSlot(slot)).as("the slot moved").isEqualTo(to);
            assertStoredInOrder(cluster, key, 30_000);
        }
    }

    /**
     * {@link #PUBLISHERS} nodes each publish {@code each} numbered messages with up to {@link #IN_FLIGHT} in flight;
     * {@code midway} (if any) runs on a thread of its own once the first publisher has sent a sixth of its messages,
     * while they all go on publishing.
     */
    private static void burst(RedisClusterServers cluster, String prefix, String channel, int each,
            @org.jspecify.annotations.Nullable Runnable midway) throws Exception {
        List<RedisTransport> nodes = new ArrayList<>();
        try {
            for (int p = 0; p < PUBLISHERS; p++) {
                RedisTransport node = (RedisTransport) Transports.create(TestTransports.clusterOptions(cluster.seeds(), prefix)
                        .option(RedisOptions.MAX_LEN, 1_000_000)
                        .option(RedisOptions.COMMAND_TIMEOUT, Duration.ofSeconds(10)).build());
                nodes.add(node);
                await("node reaches UP").atMost(Duration.ofSeconds(20)).until(() -> node.liveness().state() == LivenessState.UP);
            }
            List<CompletableFuture<Void>> running = new ArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            java.util.concurrent.CountDownLatch sixth = new java.util.concurrent.CountDownLatch(1);
            if (midway != null) {
                running.add(CompletableFuture.runAsync(() -> {
                    try {
                        assertThat(sixth.await(60, TimeUnit.SECONDS)).as("the burst got under way").isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    midway.run();
                }, ClusterPublishOrderTest::ownThread));
            }
            for (int p = 0; p < PUBLISHERS; p++) {
                RedisTransport node = nodes.get(p);
                int publisher = p;
                running.add(CompletableFuture.runAsync(() -> {
                    Semaphore window = new Semaphore(IN_FLIGHT);
                    for (int i = 0; i < each && failed.get() == null; i++) {
                        window.acquireUninterruptibly();
                        node.messaging().publish(channel, "p" + publisher + ":" + i).whenComplete((ok, failure) -> {
                            if (failure != null) {
                                failed.compareAndSet(null, failure);
                            }
                            window.release();
                        });
                        if (publisher == 0 && i == each / 6) {
                            sixth.countDown();
                        }
                    }
                    window.acquireUninterruptibly(IN_FLIGHT);
                }, ClusterPublishOrderTest::ownThread));
            }
            for (CompletableFuture<Void> r : running) {
                r.get(120, TimeUnit.SECONDS);
            }
            assertThat(failed.get()).as("no publish failed").isNull();
        } finally {
            nodes.forEach(RedisTransport::close);
        }
    }

    /** A thread per task: the common pool has one thread on a 2-core machine, and the publishers must overlap. */
    private static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "order-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every publisher's {@code each} entries are in the stream once, in publishing order. */
    private static void assertStoredInOrder(RedisClusterServers cluster, String key, int each) {
        io.lettuce.core.cluster.RedisClusterClient client = io.lettuce.core.cluster.RedisClusterClient.create(
                RedisURI.create("redis://127.0.0.1:" + cluster.port(0)));
        try (var connection = client.connect()) {
            List<StreamMessage<String, String>> entries = connection.sync().xrange(key, Range.unbounded());
            Map<Integer, List<Integer>> stored = new HashMap<>();
            for (StreamMessage<String, String> entry : entries) {
                String payload = entry.getBody().get("payload");
                int colon = payload.indexOf(':');
                stored.computeIfAbsent(Integer.parseInt(payload.substring(1, colon)), p -> new ArrayList<>())
                        .add(Integer.parseInt(payload.substring(colon + 1)));
            }
            for (int p = 0; p < PUBLISHERS; p++) {
                List<Integer> sequence = stored.getOrDefault(p, List.of());
                assertThat(sequence).as("publisher %d's entries in the stream: each once, in publishing order", p)
                        .hasSize(each).isSorted().doesNotHaveDuplicates();
            }
        } finally {
            client.shutdown();
        }
    }
}
