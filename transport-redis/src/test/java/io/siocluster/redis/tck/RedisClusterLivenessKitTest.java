package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.LivenessKit;

/** The LivenessKit on a Redis Cluster of 3 primaries: the kit's channels hash to slots on every shard. */
class RedisClusterLivenessKitTest extends LivenessKit {

    private final TransportOptions options = RedisKits.clusterOptions("cluster-liveness");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
