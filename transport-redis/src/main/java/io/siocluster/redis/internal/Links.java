package io.siocluster.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One connection attempt's three connections, each with one job: {@code read} only ever runs the blocking
 * XREAD (bytes, so a payload that is not UTF-8 is seen as such, not silently repaired); {@code publish} only
 * XADDs, flushed by the publisher in batches; {@code control} runs everything short (start ids, gap checks,
 * CLIENT UNBLOCK of the reader). All three are replaced together after any failure.
 *
 * @param runId the server's {@code run_id}: a new one means Redis restarted and may have lost streams
 * @param readClientId the reader's {@code CLIENT ID}, to unblock its XREAD when the streams read change
 */
record Links(StatefulRedisConnection<byte[], byte[]> read, StatefulRedisConnection<String, String> publish,
        StatefulRedisConnection<String, String> control, String runId, long readClientId) {

    /** Opens and names the three connections; blocks the calling thread (the transport's control thread). */
    static Links open(RedisClient client, String instanceName, Duration timeout) throws Exception {
        StatefulRedisConnection<byte[], byte[]> read = null;
        StatefulRedisConnection<String, String> publish = null;
        StatefulRedisConnection<String, String> control = null;
        try {
            read = client.connect(ByteArrayCodec.INSTANCE);
            publish = client.connect(StringCodec.UTF8);
            control = client.connect(StringCodec.UTF8);
            long millis = timeout.toMillis();
            read.async().clientSetname(bytes(instanceName + "-read")).get(millis, TimeUnit.MILLISECONDS);
            publish.async().clientSetname(instanceName + "-publish").get(millis, TimeUnit.MILLISECONDS);
            control.async().clientSetname(instanceName + "-control").get(millis, TimeUnit.MILLISECONDS);
            long readId = read.async().clientId().get(millis, TimeUnit.MILLISECONDS);
            String runId = runId(control.async().info("server").get(millis, TimeUnit.MILLISECONDS));
            publish.setAutoFlushCommands(false);
            return new Links(read, publish, control, runId, readId);
        } catch (Exception | Error e) {
            closeQuietly(read);
            closeQuietly(publish);
            closeQuietly(control);
            throw e;
        }
    }

    /** Whether {@code connection} is one of these three. */
    boolean holds(Object connection) {
        return connection == read || connection == publish || connection == control;
    }

    /** Closes without waiting: commands still pending fail, which their callers treat as a lost connection. */
    void close() {
        closeQuietly(read);
        closeQuietly(publish);
        closeQuietly(control);
    }

    private static void closeQuietly(StatefulRedisConnection<?, ?> connection) {
        if (connection != null) {
            connection.closeAsync();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String runId(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length()).trim();
            }
        }
        return "";
    }
}
