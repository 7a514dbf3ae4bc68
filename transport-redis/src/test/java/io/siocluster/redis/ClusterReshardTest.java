package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.SlotHash;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.tck.MessageRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The slot of a stream being read and written moves to another primary mid-traffic, as {@code redis-cli
 * --cluster reshard} moves it: {@code CLUSTER SETSLOT IMPORTING/MIGRATING}, {@code MIGRATE} of its keys, then
 * {@code SETSLOT NODE} on every node. The node follows the redirects: every accepted message arrives once, in
 * order, and no gap is reported.
 */
class ClusterReshardTest {

    private static final int BEFORE = 400;
    private static final int AFTER = 500;
    private static final int MAX_MESSAGES = 50_000;

    @Test
    @DisplayName("a used stream's slot migrated to another primary mid-traffic: every accepted message arrives once, in order, no gap")
    void slotMigratedWhileRead() throws Exception {
        try (RedisClusterServers cluster = RedisClusterServers.start(3, false)) {
            String prefix = TestTransports.uniquePrefix("reshard");
            String channel = "moving";
            int slot = SlotHash.getSlot(prefix + channel);
            int from = cluster.nodeOfSlot(slot);
            int to = (from + 1) % cluster.size();
            RedisTransport subscriber = up(cluster, prefix);
            RedisTransport publisher = up(cluster, prefix);
            try {
                MessageRecorder received = new MessageRecorder();
                Nodes.ready(subscriber.messaging().subscribe(channel, received));
                LivenessRecorder events = new LivenessRecorder();
                subscriber.liveness().addListener(events);

                List<String> accepted = Collections.synchronizedList(new ArrayList<>());
                List<String> attempted = Collections.synchronizedList(new ArrayList<>());
                List<String> failures = Collections.synchronizedList(new ArrayList<>());
                java.util.concurrent.atomic.AtomicBoolean migrated = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.atomic.AtomicInteger duringMigration = new java.util.concurrent.atomic.AtomicInteger();
                CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                    // until the slot has moved, then AFTER more on its new owner (bounded)
                    int after = 0;
                    for (int i = 0; i < MAX_MESSAGES && after < AFTER; i++) {
                        after += migrated.get() ? 1 : 0;
                        if (i % 100 == 0) {
                            pause(); // spread the traffic over the migration
                        }
                        String payload = "m" + i;
                        attempted.add(payload);
                        try {
                            publisher.messaging().publish(channel, payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
                            accepted.add(payload);
                        } catch (Exception e) {
                            failures.add(String.valueOf(e.getCause() == null ? e : e.getCause())); // not accepted
                        }
                    }
                });
                await("traffic under way").atMost(Duration.ofSeconds(20)).until(() -> received.count() >= BEFORE);
                int before = attempted.size();
                SlotMigration.migrate(cluster, slot, from, to);
                duringMigration.set(attempted.size() - before);
                migrated.set(true);
                traffic.get(60, TimeUnit.SECONDS);
                assertThat(cluster.nodeOfSlot(slot)).as("the slot moved").isEqualTo(to);

                received.awaitPayload("the last accepted message", accepted.get(accepted.size() - 1), Duration.ofSeconds(30));
                System.out.printf("reshard: %d attempted (%d while the slot migrated), %d accepted, %d received; events %s%n",
                        attempted.size(), duringMigration.get(), accepted.size(), received.count(), events.events());
                List<String> got = received.payloads();
                assertThat(got).as("only attempted messages, each once").isSubsetOf(attempted).doesNotHaveDuplicates();
                assertThat(got).as("every accepted message").containsAll(accepted);
                List<String> inOrder = new ArrayList<>(attempted);
                inOrder.retainAll(got);
                assertThat(got).as("in publishing order").containsExactlyElementsOf(inOrder);
                assertThat(failures).as("failed publishes").isEmpty();
                assertThat(accepted).as("Redis redirects the XADDs (MOVED/ASK); none fails").hasSameSizeAs(attempted);
                assertThat(failures).as("failed publishes").isEmpty();
                assertThat(duringMigration.get()).as("traffic went on while the slot migrated").isPositive();
                assertThat(events.events()).as("a moved slot is no outage").isEmpty();
                assertThat(publisher.liveness().state()).isEqualTo(LivenessState.UP);
            } finally {
                subscriber.close();
                publisher.close();
            }
        }
    }

    private static RedisTransport up(RedisClusterServers cluster, String prefix) {
        RedisTransport node = (RedisTransport) Transports.create(TestTransports.clusterOptions(cluster.seeds(), prefix).build());
        await("node reaches UP").atMost(Duration.ofSeconds(20)).until(() -> node.liveness().state() == LivenessState.UP);
        return node;
    }

    private static void pause() {
        // a deliberate pace that spreads the traffic over the migration, not a wait for a condition
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
}
