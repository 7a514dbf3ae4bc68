package io.siocluster.postgres.internal;

import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Duration;

/**
 * The transport's tuning, already read from the options with their documented defaults and checked (by the
 * public package, which knows the option keys), so nothing here can be refused any more.
 *
 * @param networkTimeout the longest one database call may wait for the server
 * @param startDegraded start without checking the database first
 * @param replay keep what is published in the replay table, and replay it after a reconnect
 * @param replayWindow how long rows of the replay table are kept
 * @param queueFullPolicy what a full publish queue does with a new publish
 */
public record Settings(
        String instanceName,
        String channelPrefix,
        TableName table,
        boolean createTable,
        int queueCapacity,
        int maxBatchSize,
        Duration pingInterval,
        Duration listenerWait,
        Duration reconnectBackoffMax,
        Duration networkTimeout,
        int blobThreads,
        boolean startDegraded,
        boolean replay,
        Duration replayWindow,
        OverloadPolicy queueFullPolicy) {

    /** {@link #networkTimeout} in whole milliseconds, as JDBC's {@code setNetworkTimeout} takes it. */
    public int networkTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis());
    }
}
