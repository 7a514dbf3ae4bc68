package io.siocluster.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce client the transport connects with, a standalone {@link RedisClient} or a
 * {@link RedisClusterClient}: the user's (never shut down by the transport), or one it builds from URIs and owns.
 * An owned client never reconnects by itself (the transport does, so that an XADD in flight at a disconnect
 * fails instead of being sent twice) and rejects commands while disconnected; an owned cluster client also
 * refreshes its view of the slots when Redis answers {@code MOVED}/{@code ASK} or a node goes away.
 */
public final class RedisConnector {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    /** How long the owned cluster client keeps a topology it has not been told is stale. */
    private static final Duration TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(30);
    /**
     * The least time between two refreshes triggered by redirects (Lettuce's default is 30 s): a refresh triggered by
     * an {@code ASK} while a slot migrates still shows the old owner, and until the next one every XADD to the moved
     * slot takes a {@code MOVED} detour; short enough to converge soon after a resharding, long enough to spare the
     * cluster a refresh storm.
     */
    private static final Duration REDIRECT_REFRESH_INTERVAL = Duration.ofSeconds(2);

    private final AbstractRedisClient client;
    private final @Nullable ClientResources ownedResources;

    private RedisConnector(AbstractRedisClient client, @Nullable ClientResources ownedResources) {
        this.client = client;
        this.ownedResources = ownedResources;
    }

    /** The user's client; {@link #shutdown()} leaves it running. */
    public static RedisConnector of(RedisClient client) {
        return new RedisConnector(client, null);
    }

    /** The user's cluster client; {@link #shutdown()} leaves it running. */
    public static RedisConnector ofCluster(RedisClusterClient client) {
        return new RedisConnector(client, null);
    }

    /** A cluster client of its own for the seed nodes {@code seeds}, with two I/O threads. */
    public static RedisConnector owningCluster(List<RedisURI> seeds, Duration connectTimeout) {
        ClientResources resources = resources();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(REDIRECT_REFRESH_INTERVAL)
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH_PERIOD)
                        .build());
        client.setOptions(failFast(options, connectTimeout).build());
        return new RedisConnector(client, resources);
    }

    /**
     * What every client the transport owns is set to: no reconnect of its own (the transport replaces connections,
     * resuming where it read) and commands refused at once while disconnected, RESP2, a bounded connect, keep-alive.
     */
    private static <B extends ClientOptions.Builder> B failFast(B builder, Duration connectTimeout) {
        builder.autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build());
        return builder;
    }

    private static ClientResources resources() {
        return DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .build();
    }

    /** A client of its own for {@code uri}, with two I/O threads. */
    public static RedisConnector owning(RedisURI uri, Duration connectTimeout) {
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(failFast(ClientOptions.builder(), connectTimeout).build());
        return new RedisConnector(client, resources);
    }

    /** Whether {@link #shutdown()} closes the client, and with it every connection it opened. */
    boolean ownsClient() {
        return ownedResources != null;
    }

    /**
     * Tells {@code onClosed} about every connection of the client that closes, so a connection Redis dropped
     * is noticed at once, not at its next use. Returns what removes the listener.
     */
    Runnable onDisconnect(java.util.function.Consumer<Object> onClosed) {
        io.lettuce.core.RedisConnectionStateListener listener = new io.lettuce.core.RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                onClosed.accept(connection);
            }
        };
        client.addListener(listener);
        return () -> client.removeListener(listener);
    }

    Links open(String instanceName, Duration timeout) throws Exception {
        if (client instanceof RedisClusterClient cluster) {
            return ClusterLinks.open(cluster, instanceName, timeout);
        }
        return StandaloneLinks.open((RedisClient) client, instanceName, timeout);
    }

    /**
     * Whether the transport offers the pub/sub facet: only on a standalone Redis. On a Redis Cluster a SUBSCRIBE
     * lives on one node and {@code PUBSUB NUMSUB} counts that node's subscribers only, so the facet's subscriber
     * count (a request's expected number of answers) would be wrong.
     */
    boolean offersPubSub() {
        return client instanceof RedisClient;
    }

    /** Opens the pub/sub facet's connections; only where {@link #offersPubSub()}. */
    RedisPubSubLinks openPubSub(String instanceName, Duration timeout) throws Exception {
        return RedisPubSubLinks.open((RedisClient) client, instanceName, timeout);
    }

    /** Shuts an owned client and its threads down (waiting up to 5 s); a user's client is left alone. */
    public void shutdown() {
        if (ownedResources == null) {
            return;
        }
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            ownedResources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Redis client shutdown did not finish cleanly: {}", e.toString());
        }
    }
}
