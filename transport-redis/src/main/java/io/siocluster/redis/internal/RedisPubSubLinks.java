package io.siocluster.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pub/sub facet's two connections of one connection attempt, bytes both (msgpack is not text): {@code listen} only
 * subscribes (a subscribed RESP2 connection runs nothing else), {@code commands} runs PUBLISH and PUBSUB NUMSUB.
 * Opened and replaced together with the transport's other connections.
 */
record RedisPubSubLinks(StatefulRedisPubSubConnection<byte[], byte[]> listen,
        StatefulRedisConnection<byte[], byte[]> commands) {

    /** Opens and names both; blocks the calling thread (the transport's control thread). */
    static RedisPubSubLinks open(RedisClient client, String instanceName, Duration timeout) throws Exception {
        StatefulRedisPubSubConnection<byte[], byte[]> listen = null;
        StatefulRedisConnection<byte[], byte[]> commands = null;
        try {
            listen = client.connectPubSub(ByteArrayCodec.INSTANCE);
            commands = client.connect(ByteArrayCodec.INSTANCE);
            long millis = timeout.toMillis();
            listen.async().clientSetname(bytes(instanceName + "-subscribe")).get(millis, TimeUnit.MILLISECONDS);
            commands.async().clientSetname(bytes(instanceName + "-pubsub")).get(millis, TimeUnit.MILLISECONDS);
            return new RedisPubSubLinks(listen, commands);
        } catch (Exception | Error e) {
            if (listen != null) {
                listen.closeAsync();
            }
            if (commands != null) {
                commands.closeAsync();
            }
            throw e;
        }
    }

    boolean holds(Object connection) {
        return connection == listen || connection == commands;
    }

    void close() {
        listen.closeAsync();
        commands.closeAsync();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
