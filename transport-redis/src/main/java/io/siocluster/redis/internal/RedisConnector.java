package io.siocluster.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce client the transport connects with: the user's (never shut down by the transport), or one it
 * builds from a URI and owns. An owned client never reconnects by itself (the transport does, so that an XADD
 * in flight at a disconnect fails instead of being sent twice) and rejects commands while disconnected.
 */
public final class RedisConnector {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisClient client;
    private final @Nullable ClientResources ownedResources;

    private RedisConnector(RedisClient client, @Nullable ClientResources ownedResources) {
        this.client = client;
        this.ownedResources = ownedResources;
    }

    /** The user's client; {@link #shutdown()} leaves it running. */
    public static RedisConnector of(RedisClient client) {
        return new RedisConnector(client, null);
    }

    /** A client of its own for {@code uri}, with two I/O threads. */
    public static RedisConnector owning(RedisURI uri, Duration connectTimeout) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .build());
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
        return Links.open(client, instanceName, timeout);
    }

    RedisPubSubLinks openPubSub(String instanceName, Duration timeout) throws Exception {
        return RedisPubSubLinks.open(client, instanceName, timeout);
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
