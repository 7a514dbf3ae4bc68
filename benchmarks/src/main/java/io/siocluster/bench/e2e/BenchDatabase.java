package io.siocluster.bench.e2e;

import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL the benchmark runs on: the given JDBC URL, or an embedded server. It gives the Node servers
 * the same database as a {@code postgresql://} URL, creates the attachments table both sides use (UNLOGGED,
 * as the Java transport creates it; the Node adapter creates none), and lists the backends serving the run so
 * their CPU can be measured.
 */
final class BenchDatabase implements AutoCloseable {

    static final String TABLE = "socket_io_attachments";

    private final String jdbcUrl;
    private final @Nullable EmbeddedPostgresServer embedded;
    private final Connection connection;

    private BenchDatabase(String jdbcUrl, @Nullable EmbeddedPostgresServer embedded) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.embedded = embedded;
        this.connection = DriverManager.getConnection(jdbcUrl);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE UNLOGGED TABLE IF NOT EXISTS " + TABLE
                    + " (id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)");
        }
    }

    /** The database at {@code url}, or, when it is null or blank, a new embedded PostgreSQL. */
    static BenchDatabase open(@Nullable String url) throws SQLException {
        if (url != null && !url.isBlank()) {
            return new BenchDatabase(url, null);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        return new BenchDatabase(server.jdbcUrl(), server);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    /** The same database as a libpq URL for Node's {@code pg}: host, port, database, user and password. */
    String nodeUrl() {
        return nodeUrl(jdbcUrl);
    }

    static String nodeUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        StringBuilder url = new StringBuilder("postgresql://");
        if (query.containsKey("user")) {
            url.append(URLEncoder.encode(query.get("user"), StandardCharsets.UTF_8));
            if (query.containsKey("password")) {
                url.append(':').append(URLEncoder.encode(query.get("password"), StandardCharsets.UTF_8));
            }
            url.append('@');
        }
        url.append(uri.getHost() == null ? "127.0.0.1" : uri.getHost());
        url.append(':').append(uri.getPort() < 0 ? 5432 : uri.getPort());
        return url.append(uri.getRawPath()).toString();
    }

    /**
     * The backends connected to this database, but this tool's own (idle) one: with a database of its own,
     * those are the ones serving the run (publishing, LISTEN, attachments).
     */
    List<Long> backendPids() throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
            }
        }
        return pids;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
