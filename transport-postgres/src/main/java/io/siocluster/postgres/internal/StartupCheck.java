package io.siocluster.postgres.internal;

import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.support.NamedThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks once, before the transport starts, that the database can be used: the listener's connection opens
 * and may LISTEN, and the pool's connection may use the attachments table (or create it). A permanent
 * problem (an unknown database or role, failed authentication, missing privileges, a standby that refuses
 * LISTEN) fails at once; a transient one (refused or dropped connections, a server starting up) is retried
 * until {@link #BOUND}, then fails naming the last cause. Without this, a broken setup looks healthy: the
 * node starts, logs one WARN and retries for ever.
 *
 * <p>The check runs on a thread of its own so that a server that accepts connections but never answers
 * cannot hold the caller past the bound.
 */
public final class StartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StartupCheck.class);

    /** How long the whole check may take before it gives up. */
    public static final Duration BOUND = Duration.ofSeconds(3);
    /** How much longer the caller waits for the check's own answer before it gives up on the thread. */
    private static final long GRACE_MILLIS = 300;
    private static final long RETRY_PAUSE_MILLIS = 200;
    private static final String PROBE_CHANNEL = "sio_cluster_startup_check";

    private final Settings settings;
    private final Connections connections;
    private final String degradedHint;
    private volatile String step = "starting";
    private volatile @Nullable Connection inUse;

    /** @param degradedHint how the user starts without this check, for every message */
    public StartupCheck(Settings settings, Connections connections, String degradedHint) {
        this.settings = settings;
        this.connections = connections;
        this.degradedHint = degradedHint;
    }

    /**
     * Runs the check, within {@link #BOUND} and a little.
     *
     * @throws TransportConfigurationException for a setup that cannot work, naming the cause
     * @throws NonTransientTransportException when PostgreSQL cannot be reached or does not answer in time
     */
    public void run() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + BOUND.toNanos();
        Thread thread = NamedThreads.single(settings.instanceName(), "startup-check").newThread(() -> {
            try {
                checkUntil(deadline);
                done.complete(null);
            } catch (Throwable e) { // every outcome goes to the waiting caller
                done.completeExceptionally(e);
            }
        });
        thread.start();
        try {
            done.get(BOUND.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(inUse);
            thread.interrupt();
            throw new NonTransientTransportException(fail("PostgreSQL did not answer within " + BOUND.toSeconds()
                    + " s while " + step + " (a silent network or an overloaded server)"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException failure) {
                throw failure;
            }
            throw new NonTransientTransportException(fail("checking PostgreSQL failed: " + e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(inUse);
            throw new NonTransientTransportException(fail("interrupted while checking PostgreSQL"), e);
        }
    }

    private void checkUntil(long deadline) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                checkOnce();
                LOG.debug("PostgreSQL checked for {} (attempt {})", settings.instanceName(), attempt);
                return;
            } catch (SQLException e) {
                if (!SqlErrors.isTransient(e)
                        || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS) >= deadline) {
                    throw describe(e);
                }
                LOG.debug("checking PostgreSQL: {} (retrying)", e.getMessage());
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    private void checkOnce() throws SQLException {
        step = "opening the listener connection";
        try (Connection listener = track(connections.listener().open())) {
            listener.setNetworkTimeout(Runnable::run, settings.networkTimeoutMillis());
            step = "running LISTEN";
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + Identifiers.quote(PROBE_CHANNEL));
                statement.execute("UNLISTEN " + Identifiers.quote(PROBE_CHANNEL));
            }
        }
        step = "taking a connection from the pool";
        try (Connection pooled = track(Connections.bounded(connections.dataSource().getConnection(), settings))) {
            step = "checking the attachments table " + settings.table();
            new AttachmentTable(connections.dataSource(), settings).checkAccess(pooled, this::fail);
            if (settings.replay()) {
                step = "checking the replay table " + settings.table().replayTable();
                new ReplayTable(settings).checkAccess(pooled, this::fail);
            }
        } finally {
            inUse = null;
        }
    }

    private Connection track(Connection connection) {
        inUse = connection;
        return connection;
    }

    private TransportException describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String cause = e.getMessage() + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
        if (state.equals("28P01")) {
            return new TransportConfigurationException(fail("authentication failed: " + cause), e);
        }
        if (state.startsWith("28")) {
            return new TransportConfigurationException(fail("the role was refused (unknown role, or no pg_hba.conf"
                    + " entry allows it): " + cause), e);
        }
        if (state.equals("3D000")) {
            return new TransportConfigurationException(fail("the database does not exist: " + cause), e);
        }
        if (state.equals("42501")) {
            return new TransportConfigurationException(fail("missing privileges: " + cause), e);
        }
        if (state.equals("25006")) {
            return new TransportConfigurationException(fail("LISTEN is refused (a read-only standby? LISTEN needs"
                    + " the primary): " + cause), e);
        }
        if (SqlErrors.isTransient(e)) {
            return new NonTransientTransportException(fail("PostgreSQL cannot be reached (tried for "
                    + BOUND.toSeconds() + " s): " + cause), e);
        }
        return new TransportConfigurationException(fail("PostgreSQL refused it while " + step + ": " + cause), e);
    }

    /** The message of every failure: what, and how to start anyway. */
    private String fail(String what) {
        return "the postgres transport cannot start: " + what + "; " + degradedHint;
    }

    private static void abort(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.abort(Runnable::run); // closes the socket under a read that would never return
            } catch (SQLException | RuntimeException e) {
                LOG.debug("aborting the check's connection failed", e);
            }
        }
    }
}
