package io.siocluster.postgres.internal;

import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.metrics.TransportMetrics;
import io.siocluster.spi.support.LivenessTracker;
import io.siocluster.spi.support.NamedThreads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the parts of one transport together and takes them down in the right order. Everything that can
 * be refused (options, identifiers) is checked before the first thread starts.
 */
public final class TransportCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransportCore.class);

    /** Message deliveries that may wait for listeners before the listener thread holds back. */
    static final int DISPATCH_CAPACITY = 65_536;

    private final Settings settings;
    private final Connections connections;
    private final Dispatcher dispatcher;
    private final LivenessTracker liveness;
    private final ChannelRegistry registry = new ChannelRegistry();
    private final Listener listener;
    private final Publisher publisher;
    private final PgMessaging messaging;
    private final PgBlobStore blobStore;
    private final @Nullable ReplayPurge replayPurge;
    private boolean closed;

    /** Starts the threads. */
    public TransportCore(Settings settings, Connections connections) {
        this.settings = settings;
        String description = "PostgresTransport[" + settings.instanceName() + "]";
        this.connections = connections;
        this.dispatcher = new Dispatcher(NamedThreads.single(settings.instanceName(), "dispatch"), DISPATCH_CAPACITY);
        this.liveness = new LivenessTracker(dispatcher, (listener, event, failure) ->
                LOG.warn("liveness listener {} failed on {}", listener, event, failure));
        ReplayTable replayTable = settings.replay() ? new ReplayTable(settings) : null;
        this.listener = new Listener(settings, connections.listener(), registry, dispatcher, liveness,
                replayTable == null ? null : new Replayer(replayTable, settings.replayWindow()));
        this.publisher = new Publisher(connections.dataSource(), settings, listener::acceptsPublishes, listener::losses,
                replayTable, description);
        this.messaging = new PgMessaging(settings, registry, publisher, listener, description);
        this.blobStore = new PgBlobStore(connections.dataSource(), settings, description);
        this.replayPurge = replayTable == null ? null : new ReplayPurge(connections.dataSource(), settings, replayTable);
        listener.start();
    }

    public String instanceName() {
        return settings.instanceName();
    }

    /** Counters of the publisher's queue and batches. */
    public TransportMetrics metrics() {
        return publisher.counters();
    }

    /** Messages delivered by replays after reconnects so far (0 with replay off). */
    public long replayedMessages() {
        return listener.replayedMessages();
    }

    public Messaging messaging() {
        return messaging;
    }

    public BlobStore blobStore() {
        return blobStore;
    }

    public Liveness liveness() {
        return liveness;
    }

    /** Stops taking work, fails what waits, stops every thread, closes the connections it opened. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        liveness.closed();
        messaging.close();
        registry.closeAll();
        listener.close();
        publisher.close();
        blobStore.close();
        if (replayPurge != null) {
            replayPurge.close();
        }
        dispatcher.close();
        if (connections.ownPool() != null) {
            connections.ownPool().close(); // only a pool we built; the user's DataSource stays open
        }
        LOG.debug("transport {} closed", settings.instanceName());
    }
}
