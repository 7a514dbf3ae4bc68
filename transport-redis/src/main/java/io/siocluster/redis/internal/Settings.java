package io.siocluster.redis.internal;

import java.time.Duration;

/** The transport's tuning, checked and with defaults applied by the public package's option reader. */
public record Settings(
        String instanceName,
        StreamKeys keys,
        int maxLen,
        int readCount,
        Duration blockTimeout,
        Duration commandTimeout,
        int maxPayloadBytes,
        int queueCapacity,
        int maxBatchSize,
        Duration reconnectBackoffMax) {
}
