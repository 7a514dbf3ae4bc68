package io.siocluster.redis;

import io.siocluster.spi.TransportOptions;
import java.util.UUID;

/** Options for test nodes: the tests' Redis, a key prefix of the test's own, short timeouts. */
public final class TestTransports {

    private TestTransports() {
    }

    /** A key prefix no other test uses, so tests sharing one Redis never see each other's streams. */
    public static String uniquePrefix(String hint) {
        return "test:" + hint + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    public static TransportOptions.Builder options(String url, String keyPrefix) {
        return TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, RedisTransport.PROVIDER_NAME)
                .option(RedisOptions.URI, url)
                .option(RedisOptions.KEY_PREFIX, keyPrefix)
                .option(RedisOptions.BLOCK_TIMEOUT, java.time.Duration.ofMillis(500))
                .option(RedisOptions.COMMAND_TIMEOUT, java.time.Duration.ofSeconds(2))
                .option(RedisOptions.RECONNECT_BACKOFF_MAX, java.time.Duration.ofMillis(500));
    }

    /** As {@link #options(String, String)}, for the Redis Cluster whose nodes {@code seeds} lists. */
    public static TransportOptions.Builder clusterOptions(String seeds, String keyPrefix) {
        return options(seeds, keyPrefix).option(RedisOptions.CLUSTER, true);
    }
}
