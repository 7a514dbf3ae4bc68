package io.siocluster.interop.harness;

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
}
