package io.siocluster.postgres.internal;

import java.time.Duration;

/**
 * The transport's tuning, already read from the options with their documented defaults and checked (by the
 * public package, which knows the option keys), so nothing here can be refused any more.
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
        int blobThreads) {
}
