package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.MessageRecorder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a node is pointed at a Redis Cluster, and the errors for combinations that cannot mean anything. */
class ClusterOptionsTest {

    @Test
    @DisplayName("wrong combinations of the cluster options fail at creation, naming the options")
    void wrongCombinations() {
        RedisClient standalone = RedisClient.create();
        RedisClusterClient cluster = RedisClusterClient.create(RedisURI.create("redis://127.0.0.1:1"));
        try {
            assertRefused(options().option(RedisOptions.CLIENT, standalone).option(RedisOptions.CLUSTER, true),
                    "redis.clusterClient");
            assertRefused(options().option(RedisOptions.CLIENT, standalone).option(RedisOptions.CLUSTER_CLIENT, cluster),
                    "exclude each other");
            assertRefused(options().option(RedisOptions.CLUSTER_CLIENT, cluster).option(RedisOptions.URI, "redis://h:1"),
                    "configured by its owner");
            assertRefused(options().option(RedisOptions.CLUSTER_CLIENT, cluster).option(RedisOptions.CLUSTER, false),
                    "'redis.cluster' is false");
            assertRefused(options().option(RedisOptions.URI, "redis://h1:7000,redis://h2:7000"), "redis.cluster");
            assertRefused(options().option(RedisOptions.URI, "redis://h1:7000/2").option(RedisOptions.CLUSTER, true),
                    "only database 0");
            assertRefused(options().option(RedisOptions.CLUSTER, true), "redis.clusterClient");
        } finally {
            standalone.shutdown();
            cluster.shutdown();
        }
    }

    @Test
    @DisplayName("seeds after the first may leave out the scheme; a node on them reaches UP and delivers")
    void seedsWithoutScheme() throws Exception {
        RedisClusterServers cluster = RedisClusterServers.shared();
        String seeds = "redis://127.0.0.1:" + cluster.port(0) + ", 127.0.0.1:" + cluster.port(1);
        String prefix = TestTransports.uniquePrefix("seeds");
        try (RedisTransport node = (RedisTransport) Transports.create(TestTransports.clusterOptions(seeds, prefix).build())) {
            roundTrip(node);
        }
    }

    @Test
    @DisplayName("on a Redis Cluster the pub/sub facet is not offered (NUMSUB would count one node's subscribers); fields are")
    void noPubSubOnACluster() throws Exception {
        RedisClusterServers cluster = RedisClusterServers.shared();
        String prefix = TestTransports.uniquePrefix("nopubsub");
        try (RedisTransport node = (RedisTransport) Transports.create(
                TestTransports.clusterOptions("redis://127.0.0.1:" + cluster.port(0), prefix).build())) {
            assertThat(node.messaging().pubSub()).isEmpty();
            assertThat(node.messaging().fields()).isPresent();
            roundTrip(node);
        }
    }

    @Test
    @DisplayName("RedisTransport.create(RedisClusterClient): the user's cluster client is used and left running")
    void usersClusterClient() throws Exception {
        RedisClusterServers cluster = RedisClusterServers.shared();
        RedisClusterClient client = RedisClusterClient.create(RedisURI.create("redis://127.0.0.1:" + cluster.port(2)));
        try {
            try (RedisTransport node = RedisTransport.create(client)) {
                roundTrip(node);
            }
            assertThat(client.connect().sync().ping()).as("the client still runs").isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }

    private static void roundTrip(RedisTransport node) throws Exception {
        await("node reaches UP").atMost(Duration.ofSeconds(20)).until(() -> node.liveness().state() == LivenessState.UP);
        MessageRecorder received = new MessageRecorder();
        String channel = "ch-" + System.nanoTime();
        Nodes.ready(node.messaging().subscribe(channel, received));
        node.messaging().publish(channel, "hello").toCompletableFuture().get(10, TimeUnit.SECONDS);
        received.awaitPayload("its own message", "hello");
    }

    private static TransportOptions.Builder options() {
        return TransportOptions.builder().option(TransportOptions.TRANSPORT, RedisTransport.PROVIDER_NAME);
    }

    private static void assertRefused(TransportOptions.Builder options, String says) {
        assertThatThrownBy(() -> Transports.create(options.build())).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining(says);
    }
}
