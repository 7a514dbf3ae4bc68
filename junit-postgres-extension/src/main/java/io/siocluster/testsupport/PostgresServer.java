package io.siocluster.testsupport;

import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where tests find PostgreSQL, decided once per run: the URL in {@code SIO_PG_URL} (with optional
 * {@code SIO_PG_USER} / {@code SIO_PG_PASSWORD}) when set, otherwise an embedded PostgreSQL.
 *
 * <p>Testcontainers is deliberately not wired in: the project's machines run no Docker engine, and its
 * dependency tree would cost convergence work for a path nobody here can run. With no URL the embedded
 * server is always used, and the log says so.
 */
final class PostgresServer implements AutoCloseable {

    static final String URL_VARIABLE = "SIO_PG_URL";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    final String jdbcUrl;
    final @Nullable String user;
    final @Nullable String password;
    final String source;
    final @Nullable EmbeddedPostgresServer embedded;

    private PostgresServer(String jdbcUrl, @Nullable String user, @Nullable String password, String source,
            @Nullable EmbeddedPostgresServer embedded) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.source = source;
        this.embedded = embedded;
    }

    /** The server named by the environment, or else a new embedded one. */
    static PostgresServer fromEnvironment() {
        String url = blankToNull(System.getenv(URL_VARIABLE));
        if (url != null) {
            LOG.info("tests use PostgreSQL from {}: {}", URL_VARIABLE, url);
            return new PostgresServer(url, blankToNull(System.getenv("SIO_PG_USER")),
                    blankToNull(System.getenv("SIO_PG_PASSWORD")), URL_VARIABLE, null);
        }
        LOG.info("{} is not set and this build has no Testcontainers path: starting embedded PostgreSQL", URL_VARIABLE);
        return embedded();
    }

    /** A new embedded server, whatever the environment says (for tests that restart the server). */
    static PostgresServer embedded() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        return new PostgresServer(server.jdbcUrl(), null, null, "embedded", server);
    }

    PostgresDatabase newDatabase() {
        return new PostgresDatabase(jdbcUrl, user, password, source, embedded);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
