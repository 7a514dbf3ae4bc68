package io.siocluster.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.spi.error.TransportConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.ds.common.BaseDataSource;

/**
 * Where the transport's connections come from: a DataSource for short statements (the user's, or a pool
 * built from the options) and a factory for the listener's dedicated physical connection, which is never
 * a pooled connection held forever.
 *
 * @param dataSource for publishing and blobs
 * @param ownPool the pool the transport built and must close, or null when the user gave the DataSource
 * @param listener opens listener connections
 */
public record Connections(DataSource dataSource, @Nullable HikariDataSource ownPool, ListenerConnector listener) {

    private static final Driver DRIVER = new Driver();
    private static final String CONNECT_TIMEOUT_SECONDS = "5";
    /**
     * Bounds every read, the login handshake included, on a path that accepts TCP but never answers. The
     * listener's own waits and pings set shorter timeouts for themselves and restore this one.
     */
    private static final String SOCKET_TIMEOUT_SECONDS = "30";

    /**
     * Checks the options and decides where connections come from.
     *
     * @throws TransportConfigurationException naming the option, when none says how to reach the database or
     *     one is refused
     */
    public static Connections from(ConnectionOptions options, Settings settings) {
        ConnectionOptions.Names names = options.names();
        @Nullable String user = options.user();
        @Nullable String password = options.password();
        @Nullable DataSource given = options.dataSource();
        @Nullable String url = options.url();
        if (given == null && url == null) {
            throw new TransportConfigurationException("the postgres transport needs option '" + names.url()
                    + "' (a JDBC URL) or '" + names.dataSource() + "'");
        }
        if (url != null) {
            checkUrl(names.url(), url);
        }
        ListenerConnector listener = listenerConnector(options, given, url, user, password);
        if (given != null) {
            return new Connections(given, null, listener);
        }
        HikariDataSource pool = pool(settings, url, user, password);
        return new Connections(pool, pool, listener);
    }

    private static ListenerConnector listenerConnector(ConnectionOptions options, @Nullable DataSource given,
            @Nullable String url, @Nullable String user, @Nullable String password) {
        ConnectionOptions.Names names = options.names();
        @Nullable ListenerConnector explicit = options.listenerConnector();
        if (explicit != null) {
            return explicit;
        }
        @Nullable String listenerUrl = options.listenerUrl();
        if (listenerUrl != null) {
            checkUrl(names.listenerUrl(), listenerUrl);
            if (user == null && given instanceof HikariDataSource hikari) {
                return fromUrl(listenerUrl, hikari.getUsername(), hikari.getPassword(), null);
            }
            return fromUrl(listenerUrl, user, password, null);
        }
        if (url != null && given == null) {
            return fromUrl(url, user, password, null);
        }
        if (given != null) {
            @Nullable ListenerConnector derived = derive(given);
            if (derived != null) {
                return derived;
            }
            throw new TransportConfigurationException("cannot tell how to open a dedicated listener connection from a "
                    + given.getClass().getName() + " (only HikariCP and pgjdbc DataSources are understood); set option '"
                    + names.listenerUrl() + "' (with '" + names.user() + "' and '"
                    + names.password() + "') or '" + names.listenerConnector() + "'");
        }
        return fromUrl(url, user, password, null);
    }

    /** The JDBC settings behind a HikariCP pool or a pgjdbc DataSource, or null when they cannot be seen. */
    private static @Nullable ListenerConnector derive(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            if (hikari.getJdbcUrl() != null) {
                return fromUrl(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(),
                        hikari.getDataSourceProperties());
            }
            return hikari.getDataSource() == null ? null : derive(hikari.getDataSource());
        }
        try {
            if (dataSource.isWrapperFor(BaseDataSource.class)) {
                BaseDataSource pg = dataSource.unwrap(BaseDataSource.class);
                return fromUrl(pg.getURL(), pg.getUser(), pg.getPassword(), null);
            }
        } catch (SQLException e) {
            return null; // a wrapper that cannot say: treated as unknown
        }
        return null;
    }

    /** Physical connections straight from the pgjdbc driver, with keepalive and a bounded connect time. */
    static ListenerConnector fromUrl(String url, @Nullable String user, @Nullable String password,
            @Nullable Properties extra) {
        return () -> {
            Properties props = new Properties();
            if (extra != null) {
                props.putAll(extra);
            }
            props.setProperty("tcpKeepAlive", "true");
            props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS); // the URL's own values win
            props.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            Connection connection = DRIVER.connect(url, props);
            if (connection == null) {
                throw new SQLException("not a PostgreSQL JDBC URL: " + url, "08001");
            }
            return connection;
        };
    }

    private static HikariDataSource pool(Settings settings, @Nullable String url, @Nullable String user,
            @Nullable String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sio-" + settings.instanceName() + "-pool");
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(1 + settings.blobThreads()); // the publisher's one, plus one per blob thread
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setConnectionTimeout(5_000); // a publish or blob call fails within seconds while the server is away
        config.setInitializationFailTimeout(-1); // start even when PostgreSQL is unreachable
        return new HikariDataSource(config);
    }

    private static void checkUrl(String option, String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new TransportConfigurationException("option '" + option + "' must be a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database), got '" + ConnectionOptions.redact(url) + "'");
        }
    }
}
