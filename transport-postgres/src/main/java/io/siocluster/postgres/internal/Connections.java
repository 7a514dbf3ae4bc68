package io.siocluster.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * a pooled connection held forever. The public package decides which, from the options; this class builds.
 *
 * @param dataSource for publishing and blobs
 * @param ownPool the pool the transport built and must close, or null when the user gave the DataSource
 * @param listener opens listener connections
 */
public record Connections(DataSource dataSource, @Nullable HikariDataSource ownPool, ListenerConnector listener) {

    private static final Driver DRIVER = new Driver();
    private static final String CONNECT_TIMEOUT_SECONDS = "5";

    /** The JDBC settings behind a HikariCP pool or a pgjdbc DataSource, or null when they cannot be seen. */
    public static @Nullable ListenerConnector derive(DataSource dataSource, Settings settings) {
        if (dataSource instanceof HikariDataSource hikari) {
            if (hikari.getJdbcUrl() != null) {
                return fromUrl(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(),
                        hikari.getDataSourceProperties(), settings);
            }
            return hikari.getDataSource() == null ? null : derive(hikari.getDataSource(), settings);
        }
        try {
            if (dataSource.isWrapperFor(BaseDataSource.class)) {
                BaseDataSource pg = dataSource.unwrap(BaseDataSource.class);
                return fromUrl(pg.getURL(), pg.getUser(), pg.getPassword(), null, settings);
            }
        } catch (SQLException e) {
            return null; // a wrapper that cannot say: treated as unknown
        }
        return null;
    }

    /**
     * Physical connections straight from the pgjdbc driver, with keepalive, a bounded connect time and every
     * read (the login handshake included) bounded by the network timeout; the URL's own values win.
     */
    public static ListenerConnector fromUrl(String url, @Nullable String user, @Nullable String password,
            @Nullable Properties extra, Settings settings) {
        String socketTimeoutSeconds = Long.toString(Math.max(1, settings.networkTimeout().toSeconds()));
        return () -> {
            Properties props = new Properties();
            if (extra != null) {
                props.putAll(extra);
            }
            props.setProperty("tcpKeepAlive", "true");
            props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
            props.setProperty("socketTimeout", socketTimeoutSeconds);
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            Connection connection = DRIVER.connect(url, props);
            if (connection == null) {
                throw new SQLException("not a PostgreSQL JDBC URL: " + redact(url), "08001");
            }
            return connection;
        };
    }

    /** The small pool the transport builds when the user gave a URL rather than a DataSource. */
    public static HikariDataSource pool(Settings settings, @Nullable String url, @Nullable String user,
            @Nullable String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sio-" + settings.instanceName() + "-pool");
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(1 + settings.blobThreads()); // the publisher's one, plus one per blob thread
        // Connections are opened on demand: a pool filling itself in the background would dial a server the
        // start-up check just found unusable, and closing it would wait for that attempt.
        config.setMinimumIdle(0);
        config.setAutoCommit(true);
        config.setConnectionTimeout(5_000); // a publish or blob call fails within seconds while the server is away
        config.setInitializationFailTimeout(-1); // the transport checks the database itself (or starts degraded)
        // Bounds the handshake of new connections too; every borrowed connection also gets the network timeout.
        config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, settings.networkTimeout().toSeconds())));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(config);
    }

    /**
     * Bounds every read on {@code connection} by the network timeout. A pooled connection keeps it until it
     * goes back (HikariCP restores its own value then); pgjdbc drops the connection when it fires.
     */
    public static Connection bounded(Connection connection, Settings settings) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, settings.networkTimeoutMillis());
            return connection;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close(); // the caller never gets it, so it would leak
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** {@code url} with any password parameter masked, for messages. */
    public static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=REDACTED");
    }
}
