package io.siocluster.postgres;

import io.siocluster.postgres.internal.ConnectionOptions;
import io.siocluster.postgres.internal.Identifiers;
import io.siocluster.postgres.internal.ListenerConnector;
import io.siocluster.postgres.internal.Settings;
import io.siocluster.spi.Option;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Translates the {@link PostgresOptions} into the implementation's values, so that only this package knows
 * the option keys and the implementation never depends back on the public API. Tuning values are checked
 * here, once, so a bad value fails at creation naming its option; connection options are checked by the
 * implementation, which gets their names for its messages.
 */
final class OptionReader {

    static final String DEFAULT_TABLE = "socket_io_attachments";
    static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
    static final Duration DEFAULT_LISTENER_WAIT = Duration.ofMillis(50);
    static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);
    static final int DEFAULT_BLOB_THREADS = 2;

    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    private static final ConnectionOptions.Names CONNECTION_OPTION_NAMES = new ConnectionOptions.Names(
            PostgresOptions.DATA_SOURCE.name(),
            PostgresOptions.URL.name(),
            PostgresOptions.USER.name(),
            PostgresOptions.PASSWORD.name(),
            PostgresOptions.LISTENER_URL.name(),
            PostgresOptions.LISTENER_CONNECTIONS.name());

    private OptionReader() {
    }

    /** The tuning, with defaults for what is unset. */
    static Settings settings(TransportOptions options) {
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

    /** The connection options as given; a user's {@link ListenerConnectionFactory} is adapted, not checked. */
    static ConnectionOptions connections(TransportOptions options) {
        @Nullable ListenerConnectionFactory factory = options.get(PostgresOptions.LISTENER_CONNECTIONS).orElse(null);
        return new ConnectionOptions(
                options.get(PostgresOptions.DATA_SOURCE).orElse(null),
                options.get(PostgresOptions.URL).orElse(null),
                options.get(PostgresOptions.USER).orElse(null),
                options.get(PostgresOptions.PASSWORD).orElse(null),
                options.get(PostgresOptions.LISTENER_URL).orElse(null),
                factory == null ? null : (ListenerConnector) factory::open,
                CONNECTION_OPTION_NAMES);
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
