package io.siocluster.redis.tck;

import io.siocluster.redis.RedisServer;
import io.siocluster.redis.TestTransports;
import io.siocluster.spi.TransportOptions;

/** Options the kits share: the tests' Redis and a key prefix of each kit's own. */
final class RedisKits {

    private RedisKits() {
    }

    static TransportOptions options(String kit) {
        return TestTransports.options(RedisServer.sharedUrl(), TestTransports.uniquePrefix(kit)).build();
    }
}
