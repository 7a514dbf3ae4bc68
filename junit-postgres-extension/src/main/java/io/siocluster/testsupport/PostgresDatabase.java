package io.siocluster.testsupport;

import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database one test class works in. Names from {@link #uniqueName(String)} belong to this class alone,
 * so classes (and repeated runs against one shared server) never see each other's tables or channels;
 * tables named with {@link #uniqueTableName(String)} are dropped after the class.
 */
public final class PostgresDatabase {

    private final String jdbcUrl;
    private final @Nullable String user;
    private final @Nullable String password;
    private final String source;
    private final @Nullable EmbeddedPostgresServer embedded;
    private final List<String> tables = new CopyOnWriteArrayList<>();

    PostgresDatabase(String jdbcUrl, @Nullable String user, @Nullable String password, String source,
            @Nullable EmbeddedPostgresServer embedded) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.source = source;
        this.embedded = embedded;
    }

    /** The JDBC URL; it may carry {@code user=} itself, in which case {@link #user()} is empty. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Where the database came from: {@code "SIO_PG_URL"} or {@code "embedded"}. */
    public String source() {
        return source;
    }

    /** The embedded server behind this database, for tests that stop and restart it; empty otherwise. */
    public Optional<EmbeddedPostgresServer> embeddedServer() {
        return Optional.ofNullable(embedded);
    }

    /** A new physical connection (not pooled), in autocommit. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        Connection connection = new Driver().connect(jdbcUrl, props);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    /** A non-pooling DataSource for this database. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    /**
     * A lower-case identifier no other test class or run will produce: {@code hint} (reduced to
     * {@code [a-z0-9_]}, at most 20 characters) plus a random suffix. At most 28 bytes, so it also fits
     * under PostgreSQL's 63-byte limit with room for a suffix.
     */
    public String uniqueName(String hint) {
        String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "t" + clean;
        }
        if (clean.length() > 20) {
            clean = clean.substring(0, 20);
        }
        StringBuilder suffix = new StringBuilder("_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            suffix.append(Character.forDigit(random.nextInt(36), 36));
        }
        return clean + suffix;
    }

    /** Like {@link #uniqueName(String)}, and the table of that name is dropped after the test class. */
    public String uniqueTableName(String hint) {
        String name = uniqueName(hint);
        tables.add(name);
        return name;
    }

    /** Runs one SQL statement in autocommit. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs a query whose first column of the first row is a long (counts, ids). */
    public long queryLong(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row from " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Ends a backend as an administrator would; true when one was signalled. */
    public boolean terminateBackend(int pid) throws SQLException {
        return queryLong("SELECT CASE WHEN pg_terminate_backend(?) THEN 1 ELSE 0 END", pid) == 1;
    }

    void dropTables() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
        tables.clear();
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + source + " " + jdbcUrl + "]";
    }
}
