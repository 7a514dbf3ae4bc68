package io.siocluster.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The links to one standalone Redis: three connections, each with one job: {@code read} only ever runs the
 * blocking XREAD over every subscribed stream; {@code publish} only XADDs, flushed by the publisher in batches;
 * {@code control} runs everything short (start ids, gap checks, CLIENT UNBLOCK of the reader).
 *
 * @param runId the server's {@code run_id}: a new one means Redis restarted and may have lost streams
 * @param readClientId the reader's {@code CLIENT ID}, to unblock its XREAD when the streams read change
 * @param publishIoThread the publish connection's Lettuce I/O thread, or null if it could not be told
 */
record StandaloneLinks(StatefulRedisConnection<byte[], byte[]> read, StatefulRedisConnection<String, String> publishConnection,
        StatefulRedisConnection<String, String> control, String runId, long readClientId,
        @Nullable Thread publishIoThread) implements Links {

    /** Opens and names the three connections; blocks the calling thread (the transport's control thread). */
    static StandaloneLinks open(RedisClient client, String instanceName, Duration timeout) throws Exception {
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
            Thread ioThread = ioThreadOf(publish, millis);
            publish.setAutoFlushCommands(false);
            return new StandaloneLinks(read, publish, control, runId, readId, ioThread);
        } catch (Exception | Error e) {
            closeQuietly(read);
            closeQuietly(publish);
            closeQuietly(control);
            throw e;
        }
    }

    /**
     * The I/O thread a connection's answers complete on (a channel keeps its event loop for life), or null when the
     * PING was answered before its callback was attached (it then ran here and tells nothing).
     */
    private static @Nullable Thread ioThreadOf(StatefulRedisConnection<String, String> connection, long millis)
            throws Exception {
        Thread here = Thread.currentThread();
        Thread answeredOn = connection.async().ping().toCompletableFuture().thenApply(pong -> Thread.currentThread())
                .get(millis, TimeUnit.MILLISECONDS);
        return answeredOn == here ? null : answeredOn;
    }

    @Override
    public PublishLink publish() {
        return new Publish(publishConnection, publishConnection.async(), publishIoThread);
    }

    /** XADDs on the one publish connection (auto-flush off): Redis runs them in the order they were written. */
    private record Publish(StatefulRedisConnection<String, String> connection,
            RedisStreamAsyncCommands<String, String> commands, @Nullable Thread ioThread) implements PublishLink {

        /**
         * Not on the connection's I/O thread (nor when that thread is unknown): a flush there writes at once, ahead
         * of the writes other threads flushed before, which wait in its task queue.
         */
        @Override
        public boolean mayWriteFromHere() {
            return ioThread != null && Thread.currentThread() != ioThread;
        }

        @Override
        public CompletableFuture<String> xadd(String key, XAddArgs trim, @Nullable String payload,
                @Nullable Map<String, String> fields) {
            return (fields == null ? commands.xadd(key, trim, "payload", payload) : commands.xadd(key, trim, fields))
                    .toCompletableFuture();
        }

        @Override
        public void flush() {
            connection.flushCommands();
        }
    }

    @Override
    public RedisStreamAsyncCommands<String, String> streams() {
        return control.async();
    }

    @Override
    public boolean cluster() {
        return false;
    }

    @Override
    public int slotOf(String key) {
        return 0;
    }

    @Override
    public CompletableFuture<ReadLink> openReader() {
        return CompletableFuture.completedFuture(new ReadLink(read, read.async(), read.async()));
    }

    @Override
    public void slotsMoved() {
        // no slots
    }

    @Override
    public void release(ReadLink reader) {
        // the one read connection lives as long as these links
    }

    @Override
    public CompletableFuture<Long> unblockReader() {
        return control.async().clientUnblock(readClientId, UnblockType.TIMEOUT).toCompletableFuture();
    }

    @Override
    public CompletableFuture<String> probe() {
        return read.async().ping().toCompletableFuture();
    }

    @Override
    public boolean holds(Object connection) {
        return connection == read || connection == publishConnection || connection == control;
    }

    @Override
    public void close() {
        closeQuietly(read);
        closeQuietly(publishConnection);
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

    static String runId(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length()).trim();
            }
        }
        return "";
    }
}
