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
 * A shard's primary killed (SIGKILL) mid-traffic on a Redis Cluster of 3 primaries and no replicas, one channel
 * on each shard. Every publish is counted: accepted (acknowledged by Redis) or failed. With an append-only file
 * the shard comes back with its streams and every accepted message arrives; without one it comes back empty and
 * the subscriber reports {@code UP_AFTER_GAP}: what was lost is reported, never silent.
 */
class ClusterShardFaultsTest {

    private static final int ROUNDS = 300;
    private static final int KILL_AT = 100;

    @Test
    @DisplayName("a shard's primary killed and restarted (append-only): DOWN, UP without a gap, every accepted message on every shard arrives once, in order")
    void primaryKilledPersistent() throws Exception {
        try (RedisClusterServers cluster = RedisClusterServers.start(3, true)) {
            Run run = new Run(cluster, "kill-aof:");
            run.traffic();
            for (int c = 0; c < run.channels.size(); c++) {
                run.awaitAccepted(c);
                assertThat(run.received.get(c).payloads()).as("channel %s on node %s: every accepted message, in order",
                        run.channels.get(c), c).containsExactlyElementsOf(run.onlyAttempted(c));
            }
            assertThat(run.events.events()).as("the shard came back with its streams: no gap")
                    .containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
            run.close();
        }
    }

    @Test
    @DisplayName("a shard's primary killed and restarted empty (no persistence): UP_AFTER_GAP; the other shards lose nothing, the emptied one delivers what follows")
    void primaryKilledEmpty() throws Exception {
        try (RedisClusterServers cluster = RedisClusterServers.start(3, false)) {
            Run run = new Run(cluster, "kill-empty:");
            run.traffic();
            for (int c = 0; c < run.channels.size(); c++) {
                if (c == run.killed) {
                    continue;
                }
                run.awaitAccepted(c);
                assertThat(run.received.get(c).payloads()).as("channel on a surviving shard: every accepted message, in order")
                        .containsExactlyElementsOf(run.onlyAttempted(c));
            }
            List<String> emptied = run.accepted.get(run.killed);
            String last = emptied.get(emptied.size() - 1);
            run.received.get(run.killed).awaitPayload("the emptied shard delivers what follows", last, Duration.ofSeconds(30));
            List<String> got = run.received.get(run.killed).payloads();
            System.out.printf("emptied shard: %d accepted, %d received (%d accepted after it came back)%n",
                    emptied.size(), got.size(), run.acceptedAfterBack);
            assertThat(got).as("in order, each once, only what was attempted").isSubsetOf(run.attempted.get(run.killed))
                    .doesNotHaveDuplicates();
            assertThat(run.events.events()).as("the stream lost with the shard's memory is reported")
                    .containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
            run.close();
        }
    }

    /** A publisher and a subscriber, a channel on each shard, and the counts of one run. */
    private static final class Run {
        final RedisClusterServers cluster;
        final RedisTransport subscriber;
        final RedisTransport publisher;
        final List<String> channels = new ArrayList<>();
        final List<MessageRecorder> received = new ArrayList<>();
        final List<List<String>> accepted = new ArrayList<>();
        final List<List<String>> attempted = new ArrayList<>();
        final LivenessRecorder events = new LivenessRecorder();
        final int killed = 1;
        int acceptedAfterBack;

        Run(RedisClusterServers cluster, String hint) throws Exception {
            this.cluster = cluster;
            String prefix = TestTransports.uniquePrefix(hint);
            subscriber = up(cluster, prefix);
            publisher = up(cluster, prefix);
            // one channel per shard: names whose stream key hashes to a slot of node 0, 1, 2
            for (int i = 0; channels.size() < cluster.size(); i++) {
                String name = "ch" + i;
                if (cluster.nodeOfSlot(SlotHash.getSlot(prefix + name)) == channels.size()) {
                    channels.add(name);
                }
            }
            for (String channel : channels) {
                MessageRecorder recorder = new MessageRecorder();
                Nodes.ready(subscriber.messaging().subscribe(channel, recorder));
                received.add(recorder);
                accepted.add(new ArrayList<>());
                attempted.add(new ArrayList<>());
            }
            subscriber.liveness().addListener(events);
        }

        /** ROUNDS rounds of one message per channel; node 1 is killed at KILL_AT and restarted once the subscriber is DOWN. */
        void traffic() throws Exception {
            boolean back = false;
            for (int i = 0; i < ROUNDS; i++) {
                if (i == KILL_AT) {
                    cluster.kill(killed);
                    events.awaitEvent("the subscriber notices the lost shard", LivenessEvent.DOWN, Duration.ofSeconds(20));
                    publishRound(i, false); // while the shard is down: counted as attempted, accepted or not
                    cluster.restart(killed);
                    await("subscriber back").atMost(Duration.ofSeconds(30))
                            .until(() -> subscriber.liveness().state() == LivenessState.UP);
                    await("publisher back").atMost(Duration.ofSeconds(30))
                            .until(() -> publisher.liveness().state() == LivenessState.UP);
                    back = true;
                    continue;
                }
                publishRound(i, back);
            }
        }

        private void publishRound(int round, boolean afterBack) {
            for (int c = 0; c < channels.size(); c++) {
                String payload = "m" + round;
                attempted.get(c).add(payload);
                try {
                    publisher.messaging().publish(channels.get(c), payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    accepted.get(c).add(payload);
                    if (afterBack && c == killed) {
                        acceptedAfterBack++;
                    }
                } catch (Exception e) {
                    // not accepted: it may or may not be stored (the answer was lost), so it may arrive or not
                }
            }
        }

        void awaitAccepted(int c) {
            List<String> mine = accepted.get(c);
            received.get(c).awaitPayload("the last accepted message on " + channels.get(c), mine.get(mine.size() - 1),
                    Duration.ofSeconds(30));
            System.out.printf("channel %s (node %d): %d attempted, %d accepted, %d received%n", channels.get(c), c,
                    attempted.get(c).size(), mine.size(), received.get(c).count());
        }

        /**
         * What channel {@code c} must have received: every accepted message, and any attempted one whose answer was
         * lost but which Redis stored, in publishing order.
         */
        List<String> onlyAttempted(int c) {
            List<String> got = received.get(c).payloads();
            assertThat(got).as("only attempted messages, each once").isSubsetOf(attempted.get(c)).doesNotHaveDuplicates();
            assertThat(got).as("every accepted message").containsAll(accepted.get(c));
            List<String> expected = new ArrayList<>(attempted.get(c));
            expected.retainAll(got);
            return expected;
        }

        void close() {
            subscriber.close();
            publisher.close();
        }

        private static RedisTransport up(RedisClusterServers cluster, String prefix) {
            RedisTransport node = (RedisTransport) Transports.create(
                    TestTransports.clusterOptions(cluster.seeds(), prefix).build());
            await("node reaches UP").atMost(Duration.ofSeconds(20)).until(() -> node.liveness().state() == LivenessState.UP);
            return node;
        }
    }
}
