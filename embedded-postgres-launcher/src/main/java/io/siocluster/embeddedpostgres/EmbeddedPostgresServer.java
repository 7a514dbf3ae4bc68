package io.siocluster.embeddedpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (zonky binaries) on a free port of 127.0.0.1, with a fresh data directory that
 * {@link #close()} deletes. The demo and the benchmarks run on it when no database is given; it can be
 * stopped and started again on the same port and data directory, so fault tests can take the whole server
 * away and bring it back.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDirectory;
    private final int port;
    private @Nullable EmbeddedPostgres running;

    private EmbeddedPostgresServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a new server on a free port with a fresh data directory. */
    public static EmbeddedPostgresServer start() {
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(Files.createTempDirectory("sio-embedded-pg-"), freePort());
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** A JDBC URL for database {@code postgres} as superuser {@code postgres} (trust authentication). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** Stops the server (fast shutdown: clients are disconnected); the data directory is kept. */
    public synchronized void stop() {
        EmbeddedPostgres server = running;
        if (server == null) {
            return;
        }
        running = null;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL on port " + port, e);
        }
    }

    /** Starts the server again on the same port and data directory; a no-op when it runs. */
    public synchronized void startAgain() {
        if (running != null) {
            return;
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // we delete it ourselves in close(), after the last restart
                    .start();
            LOG.info("embedded PostgreSQL running on port {} (data in {})", port, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", dataDirectory, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
