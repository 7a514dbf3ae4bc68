package io.siocluster.redis;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Options for nodes that each reach Redis through a proxy of their own, and the {@link ConnectionCutter}
 * that cuts one node's proxy: what the liveness and cluster kits need to simulate an outage of one node.
 */
public final class ProxiedNodes implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String redisUrl;
    private final String keyPrefix;
    private final Map<String, CuttableProxy> proxies = new ConcurrentHashMap<>();

    public ProxiedNodes(String redisUrl, String keyPrefix) {
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
    }

    /** Options for a new node behind a new proxy. */
    public TransportOptions nextNode() {
        URI target = URI.create(redisUrl);
        String name = "proxied-" + COUNTER.incrementAndGet();
        try {
            CuttableProxy proxy = new CuttableProxy(target.getPort() < 0 ? 6379 : target.getPort());
            proxies.put(name, proxy);
            return TestTransports.options(redisUrl.replace(":" + target.getPort(), ":" + proxy.port()), keyPrefix)
                    .option(RedisOptions.INSTANCE_NAME, name)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConnectionCutter cutter() {
        return (Transport transport) -> proxies.get(((RedisTransport) transport).instanceName()).cut();
    }

    @Override
    public void close() {
        proxies.values().forEach(CuttableProxy::close);
        proxies.clear();
    }
}
