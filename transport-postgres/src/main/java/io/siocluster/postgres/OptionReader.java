package io.siocluster.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.postgres.internal.Connections;
import io.siocluster.postgres.internal.Identifiers;
import io.siocluster.postgres.internal.ListenerConnector;
import io.siocluster.postgres.internal.Settings;
import io.siocluster.spi.Option;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.support.OptionChecks;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Translates the {@link PostgresOptions} into the implementation's values, so that only this package knows
 * the option keys and the implementation never depends back on the public API. Every value is checked
 * here, once, so a bad one fails at creation naming its option.
 */
final class OptionReader {

    private OptionReader() {
    }

    /** The tuning, with defaults for what is unset. */
    static Settings settings(TransportOptions options) {
        String instanceName = OptionChecks.instanceName(options, PostgresOptions.INSTANCE_NAME, "pg-");
        return new Settings(
                instanceName,
                Identifiers.channelPrefix(PostgresOptions.CHANNEL_PREFIX.name(),
                        options.getOrDefault(PostgresOptions.CHANNEL_PREFIX, "")),
                Identifiers.tableName(PostgresOptions.TABLE_NAME.name(),
                        options.getOrDefault(PostgresOptions.TABLE_NAME, PostgresOptions.DEFAULT_TABLE_NAME)),
                options.getOrDefault(PostgresOptions.CREATE_TABLE, true),
                OptionChecks.intInRange(options, PostgresOptions.QUEUE_CAPACITY, PostgresOptions.DEFAULT_QUEUE_CAPACITY, 1, 10_000_000),
                OptionChecks.intInRange(options, PostgresOptions.MAX_BATCH_SIZE, PostgresOptions.DEFAULT_MAX_BATCH_SIZE, 1, 100_000),
                OptionChecks.positiveDuration(options, PostgresOptions.PING_INTERVAL, PostgresOptions.DEFAULT_PING_INTERVAL),
                OptionChecks.positiveDuration(options, PostgresOptions.LISTENER_WAIT, PostgresOptions.DEFAULT_LISTENER_WAIT),
                OptionChecks.positiveDuration(options, PostgresOptions.RECONNECT_BACKOFF_MAX, PostgresOptions.DEFAULT_RECONNECT_BACKOFF_MAX),
                OptionChecks.positiveDuration(options, PostgresOptions.NETWORK_TIMEOUT, PostgresOptions.DEFAULT_NETWORK_TIMEOUT),
                OptionChecks.intInRange(options, PostgresOptions.BLOB_THREADS, PostgresOptions.DEFAULT_BLOB_THREADS, 1, 64),
                options.getOrDefault(PostgresOptions.START_DEGRADED, false),
                options.getOrDefault(PostgresOptions.REPLAY, PostgresOptions.DEFAULT_REPLAY),
                replayWindow(options),
                options.getOrDefault(PostgresOptions.QUEUE_FULL_POLICY, PostgresOptions.DEFAULT_QUEUE_FULL_POLICY));
    }

    /**
     * Where connections come from: the user's DataSource or a pool built from the URL, and how to open the
     * listener's dedicated connection (a user's factory, a listener URL, the URL, or the settings behind
     * the user's DataSource, in that order).
     *
     * @throws TransportConfigurationException naming the option, when none says how to reach the database,
     *     a URL is not a PostgreSQL one, or the listener's way there cannot be told
     */
    static Connections connections(TransportOptions options, Settings settings) {
        @Nullable DataSource given = options.get(PostgresOptions.DATA_SOURCE).orElse(null);
        @Nullable String url = options.get(PostgresOptions.URL).map(u -> checkUrl(PostgresOptions.URL, u)).orElse(null);
        @Nullable String user = options.get(PostgresOptions.USER).orElse(null);
        @Nullable String password = options.get(PostgresOptions.PASSWORD).orElse(null);
        if (given == null && url == null) {
            throw new TransportConfigurationException("the postgres transport needs option '"
                    + PostgresOptions.URL.name() + "' (a JDBC URL) or '" + PostgresOptions.DATA_SOURCE.name() + "'");
        }
        ListenerConnector listener = listener(options, settings, given, url, user, password);
        if (given != null) {
            return new Connections(given, null, listener);
        }
        HikariDataSource pool = Connections.pool(settings, url, user, password);
        return new Connections(pool, pool, listener);
    }

    private static ListenerConnector listener(TransportOptions options, Settings settings, @Nullable DataSource given,
            @Nullable String url, @Nullable String user, @Nullable String password) {
        @Nullable ListenerConnectionFactory factory = options.get(PostgresOptions.LISTENER_CONNECTIONS).orElse(null);
        if (factory != null) {
            return factory::open;
        }
        @Nullable String listenerUrl = options.get(PostgresOptions.LISTENER_URL)
                .map(u -> checkUrl(PostgresOptions.LISTENER_URL, u)).orElse(null);
        if (listenerUrl != null) {
            if (user == null && given instanceof HikariDataSource hikari) {
                return Connections.fromUrl(listenerUrl, hikari.getUsername(), hikari.getPassword(), null, settings);
            }
            return Connections.fromUrl(listenerUrl, user, password, null, settings);
        }
        if (given == null) {
            return Connections.fromUrl(url, user, password, null, settings);
        }
        @Nullable ListenerConnector derived = Connections.derive(given, settings);
        if (derived == null) {
            throw new TransportConfigurationException("cannot tell how to open a dedicated listener connection from a "
                    + given.getClass().getName() + " (only HikariCP and pgjdbc DataSources are understood); set option '"
                    + PostgresOptions.LISTENER_URL.name() + "' (with '" + PostgresOptions.USER.name() + "' and '"
                    + PostgresOptions.PASSWORD.name() + "') or '" + PostgresOptions.LISTENER_CONNECTIONS.name() + "'");
        }
        return derived;
    }

    private static Duration replayWindow(TransportOptions options) {
        Duration window = options.getOrDefault(PostgresOptions.REPLAY_WINDOW, PostgresOptions.DEFAULT_REPLAY_WINDOW);
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new TransportConfigurationException("option '" + PostgresOptions.REPLAY_WINDOW.name()
                    + "' must be from 1 s to 1 h, got " + window);
        }
        return window;
    }

    private static String checkUrl(Option<String> option, String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new TransportConfigurationException("option '" + option.name() + "' must be a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database), got '" + Connections.redact(url) + "'");
        }
        return url;
    }


}
