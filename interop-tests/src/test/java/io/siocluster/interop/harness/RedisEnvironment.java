package io.siocluster.interop.harness;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** The Redis the Redis interop tests share: {@code SIO_REDIS_URL}, else the machine's on 127.0.0.1:6379. */
public final class RedisEnvironment {

    private RedisEnvironment() {
    }

    public static String url() {
        String env = System.getenv("SIO_REDIS_URL");
        return env != null && !env.isBlank() ? env : "redis://127.0.0.1:6379";
    }

    /** Whether something listens where {@link #url()} points (the tests are skipped, with that reason, otherwise). */
    public static boolean reachable() {
        URI uri = URI.create(url());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the keys a test made (its streams), when Redis is there at all. */
    public static void deleteKeys(String... keys) {
        if (keys.length == 0 || !reachable()) {
            return;
        }
        try (RedisClient admin = RedisClient.create(url());
                StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().del(keys);
        }
    }

    /** The XLEN of {@code key}, or -1 when no such key exists: where a test checks entries went. */
    public static long streamLength(String key) {
        try (RedisClient admin = RedisClient.create(url());
                StatefulRedisConnection<String, String> connection = admin.connect()) {
            return connection.sync().exists(key) == 0 ? -1 : connection.sync().xlen(key);
        }
    }
}
