package io.siocluster.postgres.internal;

import io.siocluster.postgres.PostgresOptions;
import io.siocluster.spi.Option;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The transport's tuning, read from the options with their documented defaults and checked once, so a bad
 * value fails at creation naming its option.
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

    public static final String DEFAULT_TABLE = "socket_io_attachments";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LISTENER_WAIT = Duration.ofMillis(50);
    public static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);
    public static final int DEFAULT_BLOB_THREADS = 2;

    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    public static Settings from(TransportOptions options) {
        String instanceName = options.get(PostgresOptions.INSTANCE_NAME)
                .orElseGet(() -> "pg-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000));
        if (!INSTANCE_NAME.matcher(instanceName).matches()) {
            throw new TransportConfigurationException("option '" + PostgresOptions.INSTANCE_NAME.name() + "': '"
                    + instanceName + "' is refused: use 1 to 40 letters, digits or _ . -");
        }
        return new Settings(
                instanceName,
                Identifiers.channelPrefix(PostgresOptions.CHANNEL_PREFIX.name(),
                        options.getOrDefault(PostgresOptions.CHANNEL_PREFIX, "")),
                Identifiers.tableName(PostgresOptions.TABLE_NAME.name(),
                        options.getOrDefault(PostgresOptions.TABLE_NAME, DEFAULT_TABLE)),
                options.getOrDefault(PostgresOptions.CREATE_TABLE, true),
                range(options, PostgresOptions.QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY, 1, 10_000_000),
                range(options, PostgresOptions.MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE, 1, 100_000),
                positive(options, PostgresOptions.PING_INTERVAL, DEFAULT_PING_INTERVAL),
                positive(options, PostgresOptions.LISTENER_WAIT, DEFAULT_LISTENER_WAIT),
                positive(options, PostgresOptions.RECONNECT_BACKOFF_MAX, DEFAULT_RECONNECT_BACKOFF_MAX),
                range(options, PostgresOptions.BLOB_THREADS, DEFAULT_BLOB_THREADS, 1, 64));
    }

    private static int range(TransportOptions options, Option<Integer> option, int defaultValue, int min, int max) {
        int value = options.getOrDefault(option, defaultValue);
        if (value < min || value > max) {
            throw new TransportConfigurationException("option '" + option.name() + "' must be between " + min
                    + " and " + max + ", got " + value);
        }
        return value;
    }

    private static Duration positive(TransportOptions options, Option<Duration> option, Duration defaultValue) {
        Duration value = options.getOrDefault(option, defaultValue);
        if (value.toMillis() < 1) {
            throw new TransportConfigurationException("option '" + option.name() + "' must be at least 1 ms, got " + value);
        }
        return value;
    }
}
