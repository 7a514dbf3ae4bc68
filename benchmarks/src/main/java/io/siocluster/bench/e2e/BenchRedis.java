package io.siocluster.bench.e2e;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redis the Redis rows run on: the URL both sides connect to, the {@code redis-server} process whose CPU is
 * measured (its {@code INFO server} process id; a Redis shared with others counts their work too), and the
 * clean-up of one cluster's streams after its rows (each cluster uses keys under a name of its own, so nothing
 * else in that Redis is touched).
 */
final class BenchRedis implements AutoCloseable {

    private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

    private final String url;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private BenchRedis(String url) {
        this.url = url;
        this.client = RedisClient.create(url);
        client.setDefaultTimeout(Duration.ofSeconds(10));
        this.connection = client.connect();
    }

    /** Connects to {@code url}, else {@code SIO_REDIS_URL}, else the Redis on 127.0.0.1:6379. */
    static BenchRedis open(String url) {
        return new BenchRedis(url);
    }

    static String defaultUrl() {
        String fromEnvironment = System.getenv("SIO_REDIS_URL");
        return fromEnvironment == null || fromEnvironment.isBlank() ? "redis://127.0.0.1:6379" : fromEnvironment;
    }

    String url() {
        return url;
    }

    /** The redis-server's process id, for its CPU; -1 when it cannot be read (a remote server, say). */
    long serverPid() {
        Matcher matcher = PROCESS_ID.matcher(connection.sync().info("server"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Deletes every key starting with {@code prefix} (letters, digits and dashes only: no glob characters). */
    int deleteKeys(String prefix) {
        if (!prefix.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("key prefix with glob characters: " + prefix);
        }
        RedisCommands<String, String> commands = connection.sync();
        int deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
            List<String> keys = page.getKeys();
            if (!keys.isEmpty()) {
                deleted += (int) (long) commands.del(keys.toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
