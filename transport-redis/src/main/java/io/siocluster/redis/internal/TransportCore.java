package io.siocluster.redis.internal;

import io.siocluster.spi.support.NamedThreads;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.metrics.TransportMetrics;
import io.siocluster.spi.support.LivenessTracker;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one node together and owns its connection life: connect (on the control thread, retried with capped,
 * jittered backoff), and on any failure of the reader, the publisher or a control command report DOWN, drop
 * all three connections and connect again; once back, check each stream for a gap and report UP (resumed,
 * nothing lost) or UP_AFTER_GAP. Creation never waits for Redis.
 */
public final class TransportCore {

    private static final Logger LOG = LoggerFactory.getLogger(TransportCore.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private final Settings settings;
    private final RedisConnector connector;
    private final ControlThread control;
    private final Dispatcher dispatcher;
    private final LivenessTracker liveness;
    private final Publisher publisher;
    private final StreamReader reader;
    private final RedisMessaging messaging;
    private final RedisPubSub pubSub;
    private volatile boolean closed;
    private final Runnable stopWatchingDisconnects;
    // control thread only
    private @Nullable Links links;
    private @Nullable String lastRunId;
    private boolean everConnected;
    private int failedAttempts;

    public TransportCore(Settings settings, RedisConnector connector) {
        this.settings = settings;
        this.connector = connector;
        this.control = new ControlThread(NamedThreads.single(settings.instanceName(), "control"));
        this.dispatcher = new Dispatcher(settings.instanceName());
        this.liveness = new LivenessTracker(dispatcher);
        this.publisher = new Publisher(settings, dispatcher, new Deadlines(control), this::onFailure);
        this.reader = new StreamReader(settings, control, dispatcher, this::onFailure, liveness::lost);
        this.pubSub = new RedisPubSub(settings, dispatcher, new Deadlines(control), control, this::onFailure, () -> closed);
        this.messaging = new RedisMessaging(settings, publisher, reader, control, () -> closed,
                connector.offersPubSub() ? Optional.of(pubSub) : Optional.empty());
        this.stopWatchingDisconnects = connector.onDisconnect(connection -> onFailure(connection,
                new io.lettuce.core.RedisConnectionException("Redis closed the connection")));
        control.execute(this::connect);
    }

    public String instanceName() {
        return settings.instanceName();
    }

    public Messaging messaging() {
        return messaging;
    }

    public Liveness liveness() {
        return liveness;
    }

    /** Counters of the publisher's queue and pipelined batches. */
    public TransportMetrics metrics() {
        return publisher.counters();
    }

    /** Stream entries dropped because they were not this transport's format. */
    public long malformedEntries() {
        return reader.malformedEntries();
    }

    private void connect() {
        if (closed) {
            return;
        }
        Links fresh;
        @Nullable RedisPubSubLinks freshPubSub;
        boolean gap;
        try {
            fresh = connector.open(settings.instanceName(), settings.commandTimeout());
            boolean restarted = lastRunId != null && !lastRunId.equals(fresh.runId());
            try {
                gap = everConnected && reader.gapSince(fresh, restarted);
                freshPubSub = connector.offersPubSub()
                        ? connector.openPubSub(settings.instanceName(), settings.commandTimeout()) : null;
            } catch (Exception e) {
                fresh.close();
                throw e;
            }
        } catch (Exception | LinkageError e) {
            retryLater(e);
            return;
        }
        if (closed) {
            fresh.close();
            if (freshPubSub != null) {
                freshPubSub.close();
            }
            return;
        }
        if (failedAttempts > 0) {
            LOG.warn("Redis transport {} connected again after {} failed attempt(s)", settings.instanceName(), failedAttempts);
        }
        failedAttempts = 0;
        links = fresh;
        lastRunId = fresh.runId();
        publisher.use(fresh.publish());
        if (!everConnected || gap) {
            liveness.connected(); // UP the first time, UP_AFTER_GAP after an outage that lost entries
        } else {
            liveness.resumed();
        }
        everConnected = true;
        reader.connected(fresh);
        if (freshPubSub != null) {
            pubSub.connected(freshPubSub);
        }
    }

    private void retryLater(Throwable e) {
        failedAttempts++;
        if (failedAttempts == 1) {
            LOG.warn("Redis transport {} cannot connect: {} (retrying; further failures at DEBUG)",
                    settings.instanceName(), e.toString());
        } else {
            LOG.debug("Redis transport {} connect attempt {} failed", settings.instanceName(), failedAttempts, e);
        }
        schedule(this::connect, backoffMillis());
    }

    /** A failure of something running on {@code failed}'s connections; stale failures are ignored. */
    private void onFailure(@Nullable Object failed, Throwable e) {
        try {
            control.execute(() -> {
                Links current = links;
                if (closed || current == null || (failed != current && !current.holds(failed) && !pubSub.holds(failed))) {
                    return;
                }
                LOG.warn("Redis transport {} lost its connection: {}; reconnecting", settings.instanceName(), e.toString());
                links = null;
                publisher.use(null);
                reader.disconnected();
                pubSub.disconnected();
                current.close();
                liveness.disconnected();
                schedule(this::connect, FIRST_BACKOFF_MILLIS);
            });
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    private long backoffMillis() {
        long ceiling = Math.min(settings.reconnectBackoffMax().toMillis(),
                FIRST_BACKOFF_MILLIS << Math.min(failedAttempts, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            control.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Idempotent: stops the publisher, the reader and every thread, and an owned Lettuce client. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopWatchingDisconnects.run();
        liveness.closed();
        publisher.close();
        try {
            control.execute(() -> {
                reader.closeAll("Redis transport " + settings.instanceName());
                pubSub.closeAll();
                if (links != null && !connector.ownsClient()) {
                    links.close(); // an owned client's shutdown closes them below
                } else if (links != null && links.cluster()) {
                    // An owned cluster client's shutdown would find the node connections its cluster connections
                    // closed and warn once for each: close those first, and wait for them.
                    links.closeAndWait(2_000);
                }
                links = null;
            });
        } catch (RejectedExecutionException e) {
            // already stopping
        }
        control.shutdown();
        try {
            if (!control.awaitTermination(5, TimeUnit.SECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            control.shutdownNow();
            Thread.currentThread().interrupt();
        }
        dispatcher.shutdown();
        connector.shutdown();
    }
}
