package io.siocluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.siocluster.redis.internal.StreamKeys;
import io.siocluster.redis.internal.TransportCore;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.metrics.TransportMetrics;
import java.util.Optional;

/**
 * A node on a Redis bus, through Redis Streams.
 *
 * <ul>
 *   <li><b>Messaging</b>: a channel is the stream {@code keyPrefix + channel}. Publishing is {@code XADD
 *       ... MAXLEN ~ n * payload <text>}, written on the caller's thread when nothing waits before it, else
 *       by one publisher thread, pipelined in batches under load. One
 *       dedicated connection runs a blocking {@code XREAD} over every subscribed stream from the last entry id
 *       read (on a Redis Cluster, one such connection and XREAD per hash slot read, as a cluster refuses a
 *       multi-key command across slots); after a reconnect it goes on from there, so nothing still in a stream is lost
 *       ({@link io.siocluster.spi.messaging.DeliveryGuarantee#RESUMES_IN_ORDER}). Payloads up to
 *       {@link RedisOptions#MAX_PAYLOAD_BYTES} (16 MiB), channel names up to {@value #MAX_KEY_BYTES} bytes with
 *       the prefix, no control characters.</li>
 *   <li><b>No blob store</b>: an entry carries large and binary payloads itself.</li>
 *   <li><b>Liveness</b>: any failure of its three connections (read, publish, control) reports DOWN; it
 *       reconnects with capped, jittered backoff and reports UP when every stream still held what it had not
 *       read, UP_AFTER_GAP when entries were trimmed or Redis restarted without them. While down, publishing
 *       fails fast with a {@link io.siocluster.spi.error.TransportUnavailableException}.</li>
 * </ul>
 * Creation never waits for Redis. Listeners ({@code onMessage}), liveness listeners and the stages of {@code publish}
 * run on the transport's dispatcher thread, never on Lettuce's I/O threads; only {@code MessageListener.offer} and
 * {@code FieldListener.offerEntry}, which never wait, may be called on the thread that read the entries, a Lettuce
 * I/O thread included.
 */
public final class RedisTransport implements Transport {

    /** The name the provider is selected by. */
    public static final String PROVIDER_NAME = "redis";

    /** The longest stream key, prefix and channel name together, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = StreamKeys.MAX_KEY_BYTES;

    private final TransportCore core;
    private final Optional<TransportMetrics> metrics;

    private RedisTransport(TransportOptions options) {
        var settings = OptionReader.settings(options);
        this.core = new TransportCore(settings, OptionReader.connector(options, settings));
        this.metrics = Optional.of(core.metrics());
    }

    /** A node that connects with your client (created with a default URI); the client is never shut down. */
    public static RedisTransport create(RedisClient client) {
        return create(TransportOptions.builder().option(RedisOptions.CLIENT, client).build());
    }

    /**
     * A node on a Redis Cluster that connects with your cluster client; the client is never shut down. Give it
     * topology refresh (adaptive triggers) so that it follows a resharding or failover between reconnects.
     */
    public static RedisTransport create(RedisClusterClient client) {
        return create(TransportOptions.builder().option(RedisOptions.CLUSTER_CLIENT, client).build());
    }

    /**
     * A node configured by the {@link RedisOptions}.
     *
     * @throws io.siocluster.spi.error.TransportConfigurationException when an option is missing or refused
     */
    public static RedisTransport create(TransportOptions options) {
        return new RedisTransport(options);
    }

    /** This node's name: in its thread names, log lines and connection names ({@code CLIENT LIST}). */
    public String instanceName() {
        return core.instanceName();
    }

    /** Stream entries dropped since creation because they did not hold one UTF-8 {@code payload} field. */
    public long malformedEntries() {
        return core.malformedEntries();
    }

    @Override
    public String providerName() {
        return PROVIDER_NAME;
    }

    @Override
    public Messaging messaging() {
        return core.messaging();
    }

    /** Always empty: a stream entry holds payloads of any size up to the limit, so none go aside. */
    @Override
    public Optional<BlobStore> blobStore() {
        return Optional.empty();
    }

    @Override
    public Liveness liveness() {
        return core.liveness();
    }

    @Override
    public Optional<TransportMetrics> metrics() {
        return metrics;
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "RedisTransport[" + core.instanceName() + "]";
    }
}
