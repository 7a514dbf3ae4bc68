package io.siocluster.postgres.internal;

import io.siocluster.spi.support.LivenessTracker;
import io.siocluster.spi.support.NamedThreads;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns the LISTEN connection. {@code getNotifications(timeout)} holds the connection's lock
 * while it waits, so this thread alone touches the connection: it runs LISTEN/UNLISTEN for other threads'
 * subscriptions between waits, hands every notification to the {@link Dispatcher}, pings an idle connection
 * with {@code isValid()} (a blocked read never notices a dropped network), and on any failure reconnects
 * with capped, jittered backoff and LISTENs again to every channel. Liveness follows: UP on the first
 * connection, DOWN on a loss, UP_AFTER_GAP when back.
 */
final class Listener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final ListenerConnector factory;
    private final ChannelRegistry registry;
    private final Dispatcher dispatcher;
    private final LivenessTracker liveness;
    private final String applicationName;
    private final int waitMillis;
    private final long pingNanos;
    private final int pingTimeoutSeconds;
    private final int networkTimeoutMillis;
    private final Backoff backoff;
    private final FailureLog failures = new FailureLog(LOG, "listener connection");
    private final FailureLog replayFailures = new FailureLog(LOG, "replaying after a reconnect");
    private final @Nullable Replayer replayer;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Set<String> listening = new HashSet<>(); // listener thread only
    private Set<String> listenedWhenLost = Set.of(); // listener thread only: what a replay may bring back
    private final Thread thread;

    private volatile @Nullable Connection connection;
    private volatile boolean up;
    private volatile boolean firstAttemptDone;
    private volatile boolean closed;
    private volatile long losses;
    private long nextPing;
    private boolean unconfirmed; // listener thread only: connected, but not yet long enough to call it back

    /** @param replayer fetches what a reconnect missed; null when replay is off */
    Listener(Settings settings, ListenerConnector factory, ChannelRegistry registry, Dispatcher dispatcher,
            LivenessTracker liveness, @Nullable Replayer replayer) {
        this.factory = factory;
        this.replayer = replayer;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.liveness = liveness;
        this.applicationName = "sio-cluster-listener-" + settings.instanceName();
        this.waitMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, settings.listenerWait().toMillis()));
        this.pingNanos = settings.pingInterval().toNanos();
        this.pingTimeoutSeconds = (int) Math.max(1, (settings.pingInterval().toSeconds() + 1) / 2);
        this.networkTimeoutMillis = settings.networkTimeoutMillis();
        this.backoff = new Backoff(settings.reconnectBackoffMax());
        this.thread = NamedThreads.single(settings.instanceName(), "listener").newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Whether a publish may go out: the listener is connected, or has not yet finished its first attempt
     * (a node publishing right after creation should not fail just because LISTEN is still connecting).
     */
    boolean acceptsPublishes() {
        return up || !firstAttemptDone;
    }

    /** Messages delivered by replays after reconnects so far (0 with replay off). */
    long replayedMessages() {
        return replayer == null ? 0 : replayer.replayedTotal();
    }

    /** How many times the connection was lost so far: a change tells the publisher to distrust pooled connections. */
    long losses() {
        return losses;
    }

    private void run() {
        try {
            while (!closed) {
                Connection current = connection;
                if (current == null) {
                    if (!connect()) {
                        pause(backoff.nextDelayNanos());
                    }
                    continue;
                }
                try {
                    serve(current);
                } catch (SQLException | RuntimeException e) {
                    if (!closed && !lost(e)) {
                        pause(backoff.nextDelayNanos()); // it died young: no instant redial (a reconnect storm)
                    }
                } catch (InterruptedException e) {
                    return; // closing
                }
            }
        } finally {
            closeQuietly(connection);
            connection = null;
        }
    }

    /** One turn: pending LISTEN/UNLISTEN, one bounded wait, hand-off, and a ping when the connection was idle. */
    private void serve(Connection current) throws SQLException, InterruptedException {
        if (registry.takeChanged()) {
            reconcile(current);
        }
        NotifyLookahead.skipOn(current);
        PGNotification[] notifications = current.unwrap(PGConnection.class).getNotifications(waitMillis);
        long now = System.nanoTime();
        if (unconfirmed && backoff.healthy(now)) {
            unconfirmed = false;
            failures.recovered("listener connection is back");
        }
        if (notifications != null && notifications.length > 0) {
            for (PGNotification notification : notifications) {
                String channel = notification.getName();
                String payload = notification.getParameter();
                if (replayer != null && !replayer.received(channel, payload, now)) {
                    continue; // the twin of a row the replay delivered
                }
                if (!dispatcher.deliver(() -> registry.deliver(channel, payload))) {
                    return;
                }
            }
            nextPing = now + pingNanos; // traffic proves the connection; no ping needed
            if (replayer != null) {
                replayer.alive(now);
            }
        } else if (now - nextPing >= 0) {
            if (!current.isValid(pingTimeoutSeconds)) {
                throw new SQLException("the listener connection did not answer an isValid() ping within "
                        + pingTimeoutSeconds + " s", "08006");
            }
            nextPing = now + pingNanos;
            if (replayer != null) {
                replayer.alive(now); // the ping's answer came after every notification committed before it
            }
        }
    }

    private boolean connect() {
        Connection fresh = null;
        try {
            fresh = factory.open();
            if (closed) {
                closeQuietly(fresh);
                return true;
            }
            // Bounds LISTEN, UNLISTEN and every read but the notification waits, which set their own shorter
            // bound: a user's factory may hand out connections with no socket timeout at all.
            fresh.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            fresh.setAutoCommit(true); // inside a transaction no notification is delivered
            try {
                fresh.setClientInfo("ApplicationName", applicationName); // shows in pg_stat_activity
            } catch (SQLClientInfoException e) {
                LOG.debug("cannot set application_name on the listener connection", e);
            }
            listening.clear();
            registry.takeChanged();
            reconcile(fresh);
            connection = fresh;
            long now = System.nanoTime();
            nextPing = now + pingNanos;
            backoff.connected(now);
            unconfirmed = true; // "back" is logged once it has lasted: a connect-and-drop loop stays one WARN
            up = true;
            firstAttemptDone = true;
            if (replayer == null) {
                liveness.connected();
            } else if (!replayThenReport(fresh)) {
                return false;
            }
            LOG.debug("listener connected ({} channel(s))", listening.size());
            return true;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(fresh);
            failures.failed(e);
            firstAttemptDone = true;
            return false;
        }
    }

    /**
     * With replay on: delivers what the outage missed (before anything the new connection receives, as this
     * thread reads nothing else meanwhile), then reports UP when the replay covered the outage, UP_AFTER_GAP
     * when it did not (too long, or the query failed: the messages' numbers tell the cluster what is missing).
     * The event follows the rows, so it says what actually happened.
     *
     * @return false when the connection broke during the replay (reported as lost, to be redialled)
     */
    private boolean replayThenReport(Connection fresh) {
        Replayer.Outcome outcome = null;
        try {
            // Only channels listened to before the loss: a subscription made during the outage starts afresh.
            List<String> channels = listening.stream().filter(listenedWhenLost::contains).toList();
            outcome = replayer.replay(fresh, channels, (channel, payload) ->
                    dispatcher.deliver(() -> registry.deliver(channel, payload)));
            replayFailures.recovered("replaying works again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            return true;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException sql && (SqlErrors.isConnectionLost(sql) || isClosed(fresh))) {
                lostDuringReplay(e); // the rows are fetched again from the same point on the next connection
                return false;
            }
            replayFailures.failed(e); // not replayed: UP_AFTER_GAP, and the cluster counts what is missing
        }
        if (outcome != null && outcome.covered()) {
            liveness.resumed();
        } else {
            liveness.connected(); // UP the first time (nothing to resume), else UP_AFTER_GAP
        }
        if (outcome != null && outcome.covered()) {
            LOG.info("listener is back: {} message(s) replayed, {} already received skipped, reaching back {} ms",
                    outcome.replayed(), outcome.skipped(), outcome.reachedBack().toMillis());
        } else if (outcome != null) {
            LOG.warn("listener is back after more than the replay window: {} message(s) replayed, {} already received"
                    + " skipped, reaching back {} ms; older messages are lost (the cluster counts Java nodes' as missed)",
                    outcome.replayed(), outcome.skipped(), outcome.reachedBack().toMillis());
        }
        replayer.alive(System.nanoTime());
        return true;
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Reports the loss; true when the connection had been healthy, so reconnecting at once is right. */
    private boolean lost(Exception cause) {
        listenedWhenLost = Set.copyOf(listening);
        return dropConnection(cause);
    }

    /** A connection lost before it was reported back: the channels to replay stay those of the last loss. */
    private void lostDuringReplay(Exception cause) {
        dropConnection(cause);
    }

    private boolean dropConnection(Exception cause) {
        Connection broken = connection;
        connection = null;
        closeQuietly(broken);
        listening.clear();
        up = false;
        losses++;
        failures.failed(cause);
        liveness.disconnected();
        return backoff.lost(System.nanoTime());
    }

    /** Makes the connection listen to exactly the registry's channels, then completes waiting subscriptions. */
    private void reconcile(Connection current) throws SQLException {
        Set<String> wanted = registry.channels();
        try (Statement statement = current.createStatement()) {
            for (String channel : wanted) {
                if (!listening.contains(channel)) {
                    statement.execute("LISTEN " + Identifiers.quote(channel));
                    listening.add(channel);
                }
            }
            for (String channel : Set.copyOf(listening)) {
                if (!wanted.contains(channel)) {
                    statement.execute("UNLISTEN " + Identifiers.quote(channel));
                    listening.remove(channel);
                }
            }
        }
        registry.completeReady(listening);
    }

    private void pause(long nanos) {
        try {
            closing.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        up = false;
        closing.countDown();
        join(waitMillis + 2_000L);
        Connection current = connection;
        if (thread.isAlive() && current != null) {
            // Stuck in a read on a dead network: aborting closes the socket under it.
            try {
                current.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("aborting the listener connection failed", e);
            }
            join(2_000);
        }
    }

    private void join(long millis) {
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing a listener connection failed", e);
            }
        }
    }
}
