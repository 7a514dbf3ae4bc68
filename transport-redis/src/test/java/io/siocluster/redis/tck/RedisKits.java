package io.siocluster.redis.tck;

import io.siocluster.redis.RedisOptions;
import io.siocluster.redis.RedisServer;
import io.siocluster.redis.TestTransports;
import io.siocluster.spi.TransportOptions;
import java.time.Duration;

/** Options the kits share: the tests' Redis and a key prefix of each kit's own. */
final class RedisKits {

    private RedisKits() {
    }

    /**
     * The stream is capped far above the kits' largest burst (M3: 40,000 entries): with the default
     * {@code MAXLEN ~ 10000} a reader that falls 10,000 entries behind on a loaded machine loses the trimmed
     * entries, which is the stream's documented behaviour, not what the ordering rules test. The command timeout is
     * the default's, so a loaded machine does not read as a lost connection.
     */
    static TransportOptions options(String kit) {
        return TestTransports.options(RedisServer.sharedUrl(), TestTransports.uniquePrefix(kit))
                .option(RedisOptions.MAX_LEN, 1_000_000)
                .option(RedisOptions.COMMAND_TIMEOUT, Duration.ofSeconds(5))
                .build();
    }

    /** As {@link #options(String)}, on the Redis Cluster the kits share (its own, started on first use). */
    static TransportOptions clusterOptions(String kit) {
        return TestTransports.clusterOptions(io.siocluster.redis.RedisClusterServers.shared().seeds(),
                        TestTransports.uniquePrefix(kit))
                .option(RedisOptions.MAX_LEN, 1_000_000)
                .option(RedisOptions.COMMAND_TIMEOUT, Duration.ofSeconds(5))
                .build();
    }
}
