package io.siocluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Options for nodes on a Redis Cluster that each connect with a {@link RedisClusterClient} of their own (given
 * as {@link RedisOptions#CLUSTER_CLIENT}), and the {@link ConnectionCutter} that cuts one node off: it closes
 * every connection of that node's client and closes each new one at once until the cut ends. A proxy cannot
 * do this on a cluster (the nodes tell the client their real addresses), so the cut is made in the client's
 * Netty pipeline, which is what the transport sees of a network outage.
 */
public final class CuttableClusterNodes implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String seeds;
    private final String keyPrefix;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    public CuttableClusterNodes(String seeds, String keyPrefix) {
        this.seeds = seeds;
        this.keyPrefix = keyPrefix;
    }

    /** One node's client, its channels, and whether it is cut. */
    private static final class Node implements NettyCustomizer {
        final Set<Channel> channels = ConcurrentHashMap.newKeySet();
        volatile boolean cut;
        ClientResources resources;
        RedisClusterClient client;

        @Override
        public void afterChannelInitialized(Channel channel) {
            channels.add(channel);
            channel.closeFuture().addListener(f -> channels.remove(channel));
            if (cut) {
                channel.close();
            }
        }

        AutoCloseable cut() {
            cut = true;
            channels.forEach(Channel::close);
            return () -> cut = false;
        }

        void close() {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** Options for a new node with a client of its own (the same client options as a client the transport owns). */
    public TransportOptions nextNode() {
        String name = "cuttable-" + COUNTER.incrementAndGet();
        Node node = new Node();
        node.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .nettyCustomizer(node).build();
        List<RedisURI> uris = Arrays.stream(seeds.split(",")).map(RedisURI::create).toList();
        node.client = RedisClusterClient.create(node.resources, uris);
        node.client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
                .build());
        nodes.put(name, node);
        return TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, RedisTransport.PROVIDER_NAME)
                .option(RedisOptions.CLUSTER_CLIENT, node.client)
                .option(RedisOptions.KEY_PREFIX, keyPrefix)
                .option(RedisOptions.INSTANCE_NAME, name)
                .option(RedisOptions.BLOCK_TIMEOUT, Duration.ofMillis(500))
                .option(RedisOptions.COMMAND_TIMEOUT, Duration.ofSeconds(2))
                .option(RedisOptions.RECONNECT_BACKOFF_MAX, Duration.ofMillis(500))
                .build();
    }

    public ConnectionCutter cutter() {
        return (Transport transport) -> nodes.get(((RedisTransport) transport).instanceName()).cut();
    }

    @Override
    public void close() {
        nodes.values().forEach(Node::close);
        nodes.clear();
    }
}
