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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A failover: the primary of a used stream's slot is SIGKILLed on a cluster of 3 primaries with a replica each,
 * and its replica takes over. Redis replicates asynchronously, so the new primary may lack the last entries;
 * the node must then say so (UP_AFTER_GAP). Either way nothing is lost silently, and what is published after
 * the failover arrives.
 */
class ClusterFailoverTest {

    @Test
    @DisplayName("the primary of a used slot killed, its replica promoted: DOWN, then UP with every accepted message or UP_AFTER_GAP; later messages arrive")
    void replicaTakesOver() throws Exception {
        try (RedisClusterServers cluster = RedisClusterServers.start(3, 1, false)) {
            String prefix = TestTransports.uniquePrefix("failover");
            String channel = "ch";
            int primary = cluster.nodeOfSlot(SlotHash.getSlot(prefix + channel));
            RedisTransport subscriber = up(cluster, prefix);
            RedisTransport publisher = up(cluster, prefix);
            try {
                MessageRecorder received = new MessageRecorder();
                Nodes.ready(subscriber.messaging().subscribe(channel, received));
                LivenessRecorder events = new LivenessRecorder();
                subscriber.liveness().addListener(events);

                List<String> accepted = new ArrayList<>();
                List<String> attempted = new ArrayList<>();
                publish(publisher, channel, 0, 500, attempted, accepted);
                cluster.kill(primary);
                events.awaitEvent("the subscriber notices", LivenessEvent.DOWN, Duration.ofSeconds(20));
                await("a replica took over the slot").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> cluster.nodeOfSlot(SlotHash.getSlot(prefix + channel)) != primary);
                cluster.awaitOk();
                await("subscriber back").atMost(Duration.ofSeconds(30))
                        .until(() -> subscriber.liveness().state() == LivenessState.UP);
                // A node that only publishes learns of the failover from its next XADD (sent to the dead primary):
                // that one fails, the node reconnects on the new slot map, and publishes fail fast meanwhile.
                int[] next = {500};
                await("a publish succeeds after the failover").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            int before = accepted.size();
                            publish(publisher, channel, next[0], next[0] + 1, attempted, accepted);
                            next[0]++;
                            return accepted.size() > before;
                        });
                int before = accepted.size();
                int last = next[0] + 500;
                publish(publisher, channel, next[0], last, attempted, accepted);
                assertThat(accepted.size() - before).as("once reconnected, every publish succeeds").isEqualTo(500);

                received.awaitPayload("the last message", "m" + (last - 1), Duration.ofSeconds(30));
                List<String> got = received.payloads();
                System.out.printf("failover: %d attempted, %d accepted, %d received; events %s%n",
                        attempted.size(), accepted.size(), got.size(), events.events());
                assertThat(got).as("only attempted messages, each once").isSubsetOf(attempted).doesNotHaveDuplicates();
                List<String> inOrder = new ArrayList<>(attempted);
                inOrder.retainAll(got);
                assertThat(got).as("in publishing order").containsExactlyElementsOf(inOrder);
                if (got.containsAll(accepted)) {
                    assertThat(events.events()).as("nothing lost").startsWith(LivenessEvent.DOWN)
                            .containsAnyOf(LivenessEvent.UP, LivenessEvent.UP_AFTER_GAP);
                } else {
                    assertThat(events.events()).as("accepted messages missing: the gap must have been reported")
                            .contains(LivenessEvent.UP_AFTER_GAP);
                }
            } finally {
                subscriber.close();
                publisher.close();
            }
        }
    }

    private static void publish(RedisTransport publisher, String channel, int from, int to, List<String> attempted,
            List<String> accepted) {
        for (int i = from; i < to; i++) {
            String payload = "m" + i;
            attempted.add(payload);
            try {
                publisher.messaging().publish(channel, payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
                accepted.add(payload);
            } catch (Exception e) {
                // not accepted
            }
        }
    }

    private static RedisTransport up(RedisClusterServers cluster, String prefix) {
        RedisTransport node = (RedisTransport) Transports.create(TestTransports.clusterOptions(cluster.seeds(), prefix).build());
        await("node reaches UP").atMost(Duration.ofSeconds(20)).until(() -> node.liveness().state() == LivenessState.UP);
        return node;
    }
}
