package io.siocluster.redis.tck;

import io.siocluster.redis.ProxiedNodes;
import io.siocluster.redis.RedisServer;
import io.siocluster.redis.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.LivenessKit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** Each node reaches Redis through a proxy of its own, which the cutter cuts: a network outage of one node. */
class RedisLivenessKitTest extends LivenessKit {

    private final ProxiedNodes nodes = new ProxiedNodes(RedisServer.sharedUrl(), TestTransports.uniquePrefix("liveness"));

    @Override
    protected TransportOptions transportOptions() {
        return nodes.nextNode();
    }

    @Override
    protected Optional<ConnectionCutter> connectionCutter() {
        return Optional.of(nodes.cutter());
    }

    @AfterEach
    void closeProxies() {
        nodes.close();
    }
}
