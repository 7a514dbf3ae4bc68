package io.siocluster.postgres;

import io.siocluster.postgres.internal.Connections;
import io.siocluster.postgres.internal.Settings;
import io.siocluster.postgres.internal.StartupCheck;
import io.siocluster.postgres.internal.TransportCore;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.metrics.TransportMetrics;
import javax.sql.DataSource;
import java.util.Optional;

/**
 * A node on a PostgreSQL bus.
 *
 * <ul>
 *   <li><b>Messaging</b>: {@code pg_notify} batches from one publisher thread; one dedicated listener
 *       connection (never a pooled one) with LISTEN on quoted channel names; listeners run on a dispatcher
 *       thread. Payloads up to 7999 UTF-8 bytes, channel names up to 63 bytes (less the
 *       {@linkplain PostgresOptions#CHANNEL_PREFIX prefix}).</li>
 *   <li><b>Blob store</b>: the attachments table ({@code socket_io_attachments} by default, Node-compatible).</li>
 *   <li><b>Liveness</b>: the listener connection's health, checked by {@code isValid()} pings; after a loss
 *       it reconnects by itself with capped, jittered backoff. While it is down, publishing fails fast with
 *       a {@link io.siocluster.spi.error.TransportUnavailableException}.</li>
 *   <li><b>Replay</b> ({@link PostgresOptions#REPLAY}, off by default): what is published is also kept for
 *       {@link PostgresOptions#REPLAY_WINDOW} in {@code <table>_replay}, and a reconnected listener delivers
 *       what it missed, in order and once, before newer messages: the transport then resumes
 *       ({@link io.siocluster.spi.messaging.DeliveryGuarantee#RESUMES_IN_ORDER}).</li>
 * </ul>
 * Creation checks the database once (within about 5 seconds) and fails with a message naming the cause when
 * it cannot be used; with {@link PostgresOptions#START_DEGRADED} it starts at once instead, reports DOWN and
 * keeps trying to connect. Every database call is bounded by {@link PostgresOptions#NETWORK_TIMEOUT}.
 * Completion stages of {@code publish} complete on the publisher thread: keep what you
 * chain on them short.
 */
public final class PostgresTransport implements Transport {

    /** The name the provider is selected by. */
    public static final String PROVIDER_NAME = "postgres";

    private final TransportCore core;
    private final Optional<TransportMetrics> metrics;

    private PostgresTransport(TransportOptions options) {
        Settings settings = OptionReader.settings(options);
        Connections connections = OptionReader.connections(options, settings);
        try {
            if (!settings.startDegraded()) {
                new StartupCheck(settings, connections, "set option '" + PostgresOptions.START_DEGRADED.name()
                        + "' to true to start anyway and keep retrying").run();
            }
        } catch (RuntimeException e) {
            if (connections.ownPool() != null) {
                connections.ownPool().close();
            }
            throw e;
        }
        this.core = new TransportCore(settings, connections);
        this.metrics = Optional.of(core.metrics());
    }

    /** A node that publishes and stores blobs through {@code dataSource} (not closed by the transport). */
    public static PostgresTransport create(DataSource dataSource) {
        return create(TransportOptions.builder().option(PostgresOptions.DATA_SOURCE, dataSource).build());
    }

    /**
     * A node configured by the {@link PostgresOptions}.
     *
     * @throws io.siocluster.spi.error.TransportConfigurationException when an option is missing or refused, or
     *     (unless {@link PostgresOptions#START_DEGRADED}) the database refuses the setup: an unknown database
     *     or role, a failed authentication, missing privileges
     * @throws io.siocluster.spi.error.NonTransientTransportException when PostgreSQL cannot be reached or does
     *     not answer within the start-up check's bound (unless {@link PostgresOptions#START_DEGRADED})
     */
    public static PostgresTransport create(TransportOptions options) {
        return new PostgresTransport(options);
    }

    /** This node's name: in its thread names, its log lines and its listener's {@code application_name}. */
    public String instanceName() {
        return core.instanceName();
    }

    /**
     * Messages this node received through {@linkplain PostgresOptions#REPLAY replay} after its listener
     * reconnected, since it was created: what the outages would have lost. 0 with replay off.
     */
    public long replayedMessages() {
        return core.replayedMessages();
    }

    @Override
    public String providerName() {
        return PROVIDER_NAME;
    }

    @Override
    public Optional<TransportMetrics> metrics() {
        return metrics;
    }

    @Override
    public Messaging messaging() {
        return core.messaging();
    }

    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.of(core.blobStore());
    }

    @Override
    public Liveness liveness() {
        return core.liveness();
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "PostgresTransport[" + core.instanceName() + "]";
    }
}
