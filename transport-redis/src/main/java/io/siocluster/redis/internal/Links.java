package io.siocluster.redis.internal;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One connection attempt's connections, standalone ({@link StandaloneLinks}) or Redis Cluster
 * ({@link ClusterLinks}); all are replaced together after any failure. The reader, the publisher and the gap
 * check see only this, so they need not know which kind of Redis they talk to.
 */
interface Links {

    /** The servers' {@code run_id}s: a new value means a Redis restarted and may have lost streams. */
    String runId();

    /** Where XADDs go, pipelined (auto-flush off) and flushed by the publisher. */
    PublishLink publish();

    /** Short stream commands (start ids, gap checks), routed by key on a cluster. */
    RedisStreamAsyncCommands<String, String> streams();

    /** Whether streams must be read per hash slot (a multi-key XREAD is refused across slots). */
    boolean cluster();

    /** The hash slot of {@code key} on a cluster; {@code 0} standalone, where every stream is read together. */
    int slotOf(String key);

    /**
     * A connection for one blocking XREAD at a time. Standalone: always the one read connection, whose XREAD is
     * ended by {@link #unblockReader()}. Cluster: a new connection each call (one per slot read), which the caller
     * closes to end its XREAD; it is closed with these links too.
     */
    CompletableFuture<ReadLink> openReader();

    /** Redis answered a redirect Lettuce did not follow: reload the slot map (cluster; standalone: nothing). */
    void slotsMoved();

    /** The caller is done with {@code reader} (cluster: closes it, ending its XREAD; standalone: nothing). */
    void release(ReadLink reader);

    /** Ends the standalone reader's blocked XREAD: how many clients it unblocked (0: the XREAD had not arrived). */
    CompletableFuture<Long> unblockReader();

    /** A PING that proves the connection to Redis still answers while nothing is read. */
    CompletableFuture<String> probe();

    /** Whether {@code connection} is one of these links' (a stale one's failure is ignored). */
    boolean holds(Object connection);

    /** Closes without waiting: commands still pending fail, which their callers treat as a lost connection. */
    void close();

    /** Closes and waits up to {@code millis} for every connection to be closed (the transport is closing). */
    default void closeAndWait(long millis) {
        close();
    }

    /**
     * Where the publisher's XADDs go. {@link #xadd} queues one, {@link #flush} writes what was queued, in order, as
     * one pipelined write; both are called by one thread at a time, the holder of the publisher's right to write (the
     * publisher thread, or a caller writing in place). Standalone: the publish connection with
     * auto-flush off ({@link StandaloneLinks}). Cluster: a writer that keeps each stream's XADDs in order across
     * nodes and redirects ({@link ClusterPublish}).
     */
    interface PublishLink {

        /** Queues an XADD of a single {@code payload} field ({@code fields} null) or of {@code fields}; its answer. */
        CompletableFuture<String> xadd(String key, XAddArgs trim, @Nullable String payload,
                @Nullable Map<String, String> fields);

        /**
         * Whether the calling thread may write in place, keeping order with what other threads wrote before: false
         * on the connection's own I/O thread, whose writes go out at once, ahead of writes other threads queued to it.
         */
        boolean mayWriteFromHere();

        /** Writes the XADDs queued since the last flush. */
        void flush();

        /** The connection whose failure is a failure of these links (what the publisher reports). */
        Object connection();
    }

    /** A reader's connection and its commands (bytes, so a payload that is not UTF-8 is seen as such). */
    record ReadLink(StatefulConnection<byte[], byte[]> connection, RedisStreamAsyncCommands<byte[], byte[]> streams,
            BaseRedisAsyncCommands<byte[], byte[]> base) {

        void close() {
            connection.closeAsync();
        }
    }
}
