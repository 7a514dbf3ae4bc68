package io.siocluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.siocluster.spi.Option;
import java.time.Duration;

/**
 * The options of the {@code "redis"} transport. Every option has a default but one: a way to reach Redis,
 * {@link #URI} or {@link #CLIENT} (a standalone Redis, or one reached through Sentinel), or for a Redis Cluster
 * {@link #URI} with {@link #CLUSTER}, or {@link #CLUSTER_CLIENT}.
 *
 * <p>Channels are Redis streams named {@link #KEY_PREFIX} + channel name. Names are checked when used:
 * control characters, and names over {@link RedisTransport#MAX_KEY_BYTES} bytes with the prefix, are refused
 * with an {@link io.siocluster.spi.error.InvalidChannelNameException}.
 */
public final class RedisOptions {

    private RedisOptions() {
    }

    /**
     * A Lettuce URI: {@code redis://[user:password@]host:6379[/database]}, {@code rediss://} for TLS (see
     * Lettuce's {@code RedisURI} for TLS peer verification, timeouts and sentinel URIs). Default: none
     * (required without {@link #CLIENT}). The transport then builds its own client and shuts it down on close.
     */
    public static final Option<String> URI = Option.string("redis.uri");

    /**
     * A Lettuce client you already run, created with a default URI ({@code RedisClient.create(uri)}). The
     * transport opens its three connections with it and never shuts it down; its {@code ClientOptions}
     * stay yours (with Lettuce's default {@code autoReconnect}, an XADD in flight when a connection breaks
     * may be sent twice). Default: none.
     */
    public static final Option<RedisClient> CLIENT = Option.of("redis.client", RedisClient.class);

    /**
     * Whether {@link #URI} names a Redis Cluster: then it may list several seed nodes, comma-separated
     * ({@code redis://h1:7000,redis://h2:7000}; a seed without a scheme takes the first's), each without a database
     * number (a cluster has only database 0). Streams are then read per hash slot, on a connection per slot read,
     * routed to the slot's primary. Default: {@code false}; implied by {@link #CLUSTER_CLIENT}.
     */
    public static final Option<Boolean> CLUSTER = Option.bool("redis.cluster");

    /**
     * A Lettuce cluster client you already run, for a Redis Cluster; as {@link #CLIENT}, the transport never shuts
     * it down and its options stay yours (give it topology refresh, e.g. adaptive triggers, so that slots moved
     * by a resharding or failover are followed between reconnects). Not with {@link #CLIENT}, {@link #URI} or the
     * credentials. Default: none.
     */
    public static final Option<RedisClusterClient> CLUSTER_CLIENT = Option.of("redis.clusterClient", RedisClusterClient.class);

    /** User name for {@link #URI} (Redis 6 ACL). Default: the URI's, else none. */
    public static final Option<String> USERNAME = Option.string("redis.username");

    /** Password for {@link #URI}; prints as {@code REDACTED}. Default: the URI's, else none. */
    public static final Option<String> PASSWORD = Option.secret("redis.password");

    /** Use TLS for {@link #URI} even when it says {@code redis://}. Default: {@code false} (the URI decides). */
    public static final Option<Boolean> TLS = Option.bool("redis.tls");

    /**
     * Prepended to every channel name to make its stream key, so several applications can share one Redis
     * (or, with a hash tag such as {@code {sio}}, so every stream lands in one Redis Cluster slot: one XREAD and
     * one reading connection for all of them, on one shard). Letters,
     * digits and {@code _ . - : # / { }}, at most 64 bytes. Default: empty (the stream of channel
     * {@code socket.io#/} is the key {@code socket.io#/}).
     */
    public static final Option<String> KEY_PREFIX = Option.string("redis.keyPrefix");

    /**
     * {@code XADD ... MAXLEN ~ n}: about how many entries each stream keeps. A node that is away (or lags)
     * for longer than the stream takes to receive this many entries misses some, and reports
     * {@code UP_AFTER_GAP} when it is back. Default: {@code 10000}, as Node's redis-streams adapter.
     */
    public static final Option<Integer> MAX_LEN = Option.integer("redis.maxLen");

    /** {@code XREAD COUNT}: the most entries one read returns. Default: {@code 500}. */
    public static final Option<Integer> READ_COUNT = Option.integer("redis.readCount");

    /**
     * {@code XREAD BLOCK}: how long one read waits for new entries. A read that has not answered this long
     * plus {@link #COMMAND_TIMEOUT} (plus a second per MiB of {@link #MAX_PAYLOAD_BYTES}) later counts as a lost
     * connection. Default: 2 seconds.
     */
    public static final Option<Duration> BLOCK_TIMEOUT = Option.duration("redis.blockTimeout");

    /** How long any other command may take before its connection counts as lost. Default: 5 seconds. */
    public static final Option<Duration> COMMAND_TIMEOUT = Option.duration("redis.commandTimeout");

    /**
     * The largest payload in UTF-8 bytes (a stream entry holds it; there is no blob store). Default: 16 MiB;
     * at most 256 MiB (Redis's bulk strings stop at 512 MB).
     */
    public static final Option<Integer> MAX_PAYLOAD_BYTES = Option.integer("redis.maxPayloadBytes");

    /**
     * How many publishes may wait for the publisher thread; beyond it {@code publish} fails at once with a
     * {@link io.siocluster.spi.error.TransportUnavailableException} (transient). Default: {@code 10000}.
     */
    public static final Option<Integer> QUEUE_CAPACITY = Option.integer("redis.queueCapacity");

    /** The most XADD commands written in one pipelined flush. Default: {@code 1000}. */
    public static final Option<Integer> MAX_BATCH_SIZE = Option.integer("redis.maxBatchSize");

    /** The cap of the jittered exponential backoff between reconnect attempts (from 100 ms). Default: 5 seconds. */
    public static final Option<Duration> RECONNECT_BACKOFF_MAX = Option.duration("redis.reconnectBackoffMax");

    /**
     * A name for this node in thread names, logs and its connections' {@code CLIENT SETNAME}
     * ({@code <name>-read}, {@code -publish}, {@code -control}). Default: {@code redis-} and 8 random hex digits.
     */
    public static final Option<String> INSTANCE_NAME = Option.string("redis.instanceName");
}
