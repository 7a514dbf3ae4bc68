package io.siocluster.postgres;

import io.siocluster.postgres.internal.TransportCore;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
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
 * </ul>
 * Creation never waits for the database: a node started while PostgreSQL is unreachable reports DOWN
 * until it connects. Completion stages of {@code publish} complete on the publisher thread: keep what you
 * chain on them short.
 */
public final class PostgresTransport implements Transport {

    /** The name the provider is selected by. */
    public static final String PROVIDER_NAME = "postgres";

    private final TransportCore core;

    private PostgresTransport(TransportOptions options) {
        this.core = new TransportCore(OptionReader.settings(options), OptionReader.connections(options));
    }

    /** A node that publishes and stores blobs through {@code dataSource} (not closed by the transport). */
    public static PostgresTransport create(DataSource dataSource) {
        return create(TransportOptions.builder().option(PostgresOptions.DATA_SOURCE, dataSource).build());
    }

    /**
     * A node configured by the {@link PostgresOptions}.
     *
     * @throws io.siocluster.spi.error.TransportConfigurationException when an option is missing or refused
     */
    public static PostgresTransport create(TransportOptions options) {
        return new PostgresTransport(options);
    }

    /** This node's name: in its thread names, its log lines and its listener's {@code application_name}. */
    public String instanceName() {
        return core.instanceName();
    }

    @Override
    public String providerName() {
        return PROVIDER_NAME;
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
