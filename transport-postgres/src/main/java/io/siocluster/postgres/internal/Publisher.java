package io.siocluster.postgres.internal;

import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.OverloadPolicy;
import io.siocluster.spi.metrics.PublishCounters;
import io.siocluster.spi.support.NamedThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per transport that drains a bounded queue of publishes and sends whatever has accumulated as
 * one statement, with no artificial delay: at low load every message goes out at once, under load batches
 * grow by themselves. It keeps its pooled connection between batches, giving it back after
 * a second without a publish. Batches go out one after the other, so a node's messages keep their order.
 *
 * <p>PostgreSQL delivers identical (channel, payload) pairs of one transaction once, so a batch ends where
 * a duplicate would join it; the duplicate starts the next batch. A full queue fails the new publish (or, by
 * {@code postgres.queueFullPolicy}, the oldest queued one) at once with a transient error; nothing waits on the
 * caller's thread.
 */
final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    record Pending(String wireChannel, String payload, CompletableFuture<Void> done) {
    }

    private record Key(String wireChannel, String payload) {
    }

    /**
     * How long the publisher keeps its pooled connection once its queue is empty. At low rates the queue
     * empties after every batch, and giving the connection back each time cost a pool round trip (and its
     * state reset) per message; after this long without a publish it goes back to the pool.
     */
    private static final long IDLE_HOLD_MILLIS = 1_000;

    /** How many dead pooled connections to skip after an outage before giving up on the batch. */
    private static final int STALE_CONNECTION_ATTEMPTS = 16;

    private final DataSource dataSource;
    private final BooleanSupplier connected;
    private final LongSupplier outages;
    private long outagesChecked;
    private boolean suspect; // publisher thread only: a batch lost its connection, prove the next one
    private final Settings settings;
    private final int capacity;
    private final int maxBatchSize;
    private final ArrayBlockingQueue<Pending> queue;
    private final Thread thread;
    private final String description;
    private final FailureLog failures = new FailureLog(LOG, "publishing");
    private final PublishCounters counters;
    private final @Nullable ReplayTable replay;
    private volatile boolean closed;

    /**
     * @param connected whether the transport is connected: while it is not, batches fail fast instead of
     *     waiting for a connection
     * @param outages how many outages the listener has seen; after a new one, a borrowed connection is tested
     *     before use
     * @param replay where each batch is also written, in its NOTIFY's transaction; null when replay is off
     */
    Publisher(DataSource dataSource, Settings settings, BooleanSupplier connected, LongSupplier outages,
            @Nullable ReplayTable replay, String description) {
        this.replay = replay;
        this.dataSource = dataSource;
        this.connected = connected;
        this.outages = outages;
        this.outagesChecked = outages.getAsLong();
        this.settings = settings;
        this.capacity = settings.queueCapacity();
        this.maxBatchSize = settings.maxBatchSize();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.counters = new PublishCounters(queue);
        this.description = description;
        this.thread = NamedThreads.single(settings.instanceName(), "publisher").newThread(this::run);
        thread.start();
    }

    CompletableFuture<Void> submit(String wireChannel, String payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Pending pending = new Pending(wireChannel, payload, done);
        if (closed) {
            done.completeExceptionally(new TransportClosedException(description));
        } else if (!queue.offer(pending) && !dropOldestFor(pending)) {
            done.completeExceptionally(new TransportUnavailableException("the publish queue of " + description
                    + " is full (" + capacity + " messages waiting): PostgreSQL is not keeping up, retry later"
                    + " (postgres.queueFullPolicy " + settings.queueFullPolicy() + ")"));
        } else if (closed && queue.remove(pending)) {
            // close() drained the queue before this offer landed
            done.completeExceptionally(new TransportClosedException(description));
        }
        return done;
    }

    /**
     * With {@link OverloadPolicy#DROP_OLDEST}, fails the oldest queued publish to queue {@code pending} instead;
     * false when the policy is to reject, or when other callers took the freed place first.
     */
    private boolean dropOldestFor(Pending pending) {
        if (settings.queueFullPolicy() != OverloadPolicy.DROP_OLDEST) {
            return false;
        }
        Pending oldest = queue.poll();
        if (oldest != null) {
            oldest.done().completeExceptionally(new TransportUnavailableException("dropped, the oldest waiting: the"
                    + " publish queue of " + description + " was full (" + capacity + " messages waiting;"
                    + " postgres.queueFullPolicy DROP_OLDEST)"));
        }
        return queue.offer(pending);
    }

    /** Its queue depth and the batches it sent. */
    PublishCounters counters() {
        return counters;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(Math.min(maxBatchSize, 1024));
        Set<Key> inBatch = new HashSet<>();
        Pending carry = null;
        Connection connection = null;
        try {
            while (!closed) {
                Pending head = carry;
                if (head == null && connection != null) {
                    head = queue.poll(IDLE_HOLD_MILLIS, TimeUnit.MILLISECONDS);
                    if (head == null) {
                        connection = closeQuietly(connection); // idle a while: give the connection back
                    }
                }
                if (head == null) {
                    head = queue.take();
                }
                carry = fill(head, batch, inBatch);
                if (!connected.getAsBoolean()) {
                    failAll(batch, new TransportUnavailableException(description
                            + " is disconnected from PostgreSQL; the message was not published"));
                    // No connection is held through an outage: it may be dead by the time the outage ends.
                    connection = closeQuietly(connection);
                    continue;
                }
                try {
                    if (connection != null && outages.getAsLong() != outagesChecked) {
                        // held through an outage: it may be dead; a fresh one is proved before use
                        connection = closeQuietly(connection);
                    }
                    if (connection == null) {
                        connection = borrow();
                    }
                    if (replay != null) {
                        replay.send(connection, batch);
                    } else {
                        NotifyStatements.send(connection, batch);
                    }
                    counters.batchSent(batch.size());
                    batch.forEach(p -> p.done().complete(null));
                    failures.recovered("publishing works again");
                } catch (SQLException e) {
                    failures.failed(e);
                    failAll(batch, SqlErrors.translate("publishing " + batch.size() + " message(s)", e));
                    connection = closeQuietly(connection); // a broken connection goes back to the pool for eviction
                    if (SqlErrors.isConnectionLost(e)) {
                        suspect = true; // its pool siblings may be dead too: prove the next one first
                    }
                } catch (TransportConfigurationException e) {
                    failures.failed(e); // the replay table is missing and may not be created: said once, not per batch
                    failAll(batch, e);
                    connection = closeQuietly(connection);
                } catch (RuntimeException e) {
                    // A driver or pool bug must not kill the one publisher thread and strand every later publish.
                    LOG.error("publishing {} message(s) failed unexpectedly", batch.size(), e);
                    failAll(batch, new NonTransientTransportException("publishing failed: " + e, e));
                    connection = closeQuietly(connection);
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a waiting publisher
        } finally {
            closeQuietly(connection);
            if (carry != null) {
                carry.done().completeExceptionally(new TransportClosedException(description));
            }
        }
    }

    /**
     * A pooled connection, its reads bounded by the network timeout. Right after an outage (a server restart,
     * say) or a batch that lost its connection, the pool may still hold connections whose server process is
     * gone, and a pool skips its own check for recently used ones: so then one trivial statement proves the
     * connection before a batch goes out on it, and a dead one is replaced by another, up to a bound. Running
     * the probe through the pool's proxy also lets the pool see the failure and evict the dead connection.
     *
     * <p>This is the only retry: a batch whose statement was sent is never sent again, even when its
     * connection broke, because it may have committed and its messages been delivered (a duplicate would
     * reach every listener twice). The probe makes that case rare: the first batch after an outage (the
     * node's re-announcement) goes out on a connection that was just seen working.
     */
    private Connection borrow() throws SQLException {
        long seen = outages.getAsLong();
        Connection candidate = Connections.bounded(dataSource.getConnection(), settings);
        if (seen == outagesChecked && !suspect) {
            return candidate;
        }
        for (int attempt = 1; ; attempt++) {
            try (Statement probe = candidate.createStatement()) {
                probe.execute("SELECT 1");
                outagesChecked = seen;
                suspect = false;
                return candidate;
            } catch (SQLException e) {
                closeQuietly(candidate);
                if (attempt >= STALE_CONNECTION_ATTEMPTS || !SqlErrors.isTransient(e)) {
                    throw e;
                }
                candidate = Connections.bounded(dataSource.getConnection(), settings);
            }
        }
    }

    /** Starts a batch with {@code head} and adds what is queued, up to the size limit or a duplicate. */
    private @Nullable Pending fill(Pending head, List<Pending> batch, Set<Key> inBatch) {
        batch.clear();
        inBatch.clear();
        batch.add(head);
        if (maxBatchSize == 1) {
            return null;
        }
        inBatch.add(new Key(head.wireChannel(), head.payload()));
        while (batch.size() < maxBatchSize) {
            Pending next = queue.poll();
            if (next == null) {
                return null;
            }
            if (!inBatch.add(new Key(next.wireChannel(), next.payload()))) {
                return next; // PostgreSQL would fold it into its twin: it opens the next batch
            }
            batch.add(next);
        }
        return null;
    }

    private static void failAll(List<Pending> batch, RuntimeException failure) {
        batch.forEach(p -> p.done().completeExceptionally(failure));
    }

    private static @Nullable Connection closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("returning the publisher's connection failed", e);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.done().completeExceptionally(new TransportClosedException(description));
        }
    }
}
