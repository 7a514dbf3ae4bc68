package io.siocluster.postgres;

import io.siocluster.spi.Option;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The options of the {@code "postgres"} transport. Every option has a default (the {@code DEFAULT_}
 * constants, written only there); the only requirement is a way to reach the database: {@link #DATA_SOURCE}
 * or {@link #URL}.
 *
 * <p>Identifiers are checked when the transport is created: a table name or channel prefix with quotes,
 * semicolons, spaces or 64 bytes or more fails at once with a
 * {@link io.siocluster.spi.error.TransportConfigurationException} naming the option.
 */
public final class PostgresOptions {

    /** The default of {@link #TABLE_NAME}, the Node adapter's. */
    public static final String DEFAULT_TABLE_NAME = "socket_io_attachments";
    /** The default of {@link #QUEUE_CAPACITY}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** The default of {@link #QUEUE_FULL_POLICY}: refuse the new publish, as before the option existed. */
    public static final OverloadPolicy DEFAULT_QUEUE_FULL_POLICY = OverloadPolicy.REJECT;
    /** The default of {@link #MAX_BATCH_SIZE}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    /** The default of {@link #PING_INTERVAL}. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
    /** The default of {@link #LISTENER_WAIT}. */
    public static final Duration DEFAULT_LISTENER_WAIT = Duration.ofMillis(50);
    /** The default of {@link #RECONNECT_BACKOFF_MAX}. */
    public static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);
    /** The default of {@link #NETWORK_TIMEOUT}. */
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(10);
    /** The default of {@link #BLOB_THREADS}. */
    public static final int DEFAULT_BLOB_THREADS = 2;
    /** The default of {@link #REPLAY}. */
    public static final boolean DEFAULT_REPLAY = false;
    /** The default of {@link #REPLAY_WINDOW}. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofSeconds(30);

    private PostgresOptions() {
    }

    /**
     * The user's DataSource (typically a HikariCP pool) for publishing and blobs. Default: none; the
     * transport then builds a small HikariCP pool from {@link #URL}, {@link #USER} and {@link #PASSWORD}
     * and closes it on close. A DataSource given here is never closed by the transport.
     */
    public static final Option<DataSource> DATA_SOURCE = Option.of("postgres.dataSource", DataSource.class);

    /** JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app}. Default: none (required without {@link #DATA_SOURCE}). */
    public static final Option<String> URL = Option.string("postgres.url");

    /** User name for {@link #URL} and {@link #LISTENER_URL}. Default: none (the URL's {@code user=}, or the driver's default). */
    public static final Option<String> USER = Option.string("postgres.user");

    /** Password for {@link #URL} and {@link #LISTENER_URL}; prints as {@code REDACTED}. Default: none. */
    public static final Option<String> PASSWORD = Option.secret("postgres.password");

    /**
     * A separate JDBC URL for the listener connection, for setups where LISTEN cannot go through the pool's
     * route (PgBouncer in transaction mode). Default: the URL of {@link #URL}, or the one derived from
     * {@link #DATA_SOURCE} (a HikariCP pool's {@code jdbcUrl}, or a pgjdbc DataSource's settings).
     */
    public static final Option<String> LISTENER_URL = Option.string("postgres.listenerUrl");

    /** Opens listener connections, overriding every URL. Default: none. */
    public static final Option<ListenerConnectionFactory> LISTENER_CONNECTIONS =
            Option.of("postgres.listenerConnections", ListenerConnectionFactory.class);

    /**
     * Prepended to every channel name on the wire, so several applications can share one database. Letters,
     * digits and {@code _ . - # / :} only, at most 62 bytes; it shortens the channel names the transport
     * accepts by its length. Default: empty (channel names go to PostgreSQL as given, as Node's adapter
     * expects).
     */
    public static final Option<String> CHANNEL_PREFIX = Option.string("postgres.channelPrefix");

    /**
     * The attachments table: {@code name} or {@code schema.name}, each part {@code [a-z_][a-z0-9_]*} and
     * under 64 bytes (lower case, because Node's adapter uses the name unquoted, which PostgreSQL folds to
     * lower case). Default: {@value #DEFAULT_TABLE_NAME}.
     */
    public static final Option<String> TABLE_NAME = Option.string("postgres.tableName");

    /**
     * Whether a missing attachments table is created (UNLOGGED, with an index on {@code created_at}). An
     * existing table, such as one created by Node's adapter, is always used as it is. Default: {@code true}.
     */
    public static final Option<Boolean> CREATE_TABLE = Option.bool("postgres.createTable");

    /**
     * How many publishes may wait for the publisher thread. When it is full, {@code publish} fails at once
     * with a {@link io.siocluster.spi.error.TransportUnavailableException} (transient): callers are never
     * blocked and memory stays bounded. Default: {@value #DEFAULT_QUEUE_CAPACITY}.
     */
    public static final Option<Integer> QUEUE_CAPACITY = Option.integer("postgres.queueCapacity");

    /**
     * What a full publish queue ({@link #QUEUE_CAPACITY}) does with a new publish: {@code REJECT} fails it at once,
     * {@code DROP_OLDEST} fails the oldest queued publish instead and queues the new one. Either failure is a
     * {@link io.siocluster.spi.error.TransportUnavailableException} (a cluster node counts it as
     * {@code PUBLISH_FAILED}); nobody waits. As text: {@code REJECT} or {@code DROP_OLDEST}. Default:
     * {@code REJECT} ({@link #DEFAULT_QUEUE_FULL_POLICY}).
     */
    public static final Option<OverloadPolicy> QUEUE_FULL_POLICY =
            Option.enumeration("postgres.queueFullPolicy", OverloadPolicy.class);

    /**
     * The most messages sent in one statement (one transaction). {@code 1} sends one
     * {@code SELECT pg_notify(?, ?)} per message. Default: {@value #DEFAULT_MAX_BATCH_SIZE}.
     */
    public static final Option<Integer> MAX_BATCH_SIZE = Option.integer("postgres.maxBatchSize");

    /** How often an idle listener connection is checked with {@code isValid}. Default: {@link #DEFAULT_PING_INTERVAL}. */
    public static final Option<Duration> PING_INTERVAL = Option.duration("postgres.pingInterval");

    /**
     * The longest the listener thread waits for notifications before it runs pending LISTEN/UNLISTEN
     * requests; a new subscription becomes ready within about this time. Default: {@link #DEFAULT_LISTENER_WAIT}.
     */
    public static final Option<Duration> LISTENER_WAIT = Option.duration("postgres.listenerWait");

    /**
     * The cap of the jittered exponential backoff between reconnect attempts (starting at 100 ms). A listener
     * connection that stays up for this long (at least a second) starts the backoff over; one lost sooner
     * continues it, so a server that accepts and then drops connections is not redialled in a tight loop.
     * Default: {@link #DEFAULT_RECONNECT_BACKOFF_MAX}.
     */
    public static final Option<Duration> RECONNECT_BACKOFF_MAX = Option.duration("postgres.reconnectBackoffMax");

    /**
     * The longest any one database call waits for the server (JDBC's network timeout, set on every connection
     * the transport uses): a publish, a blob call, LISTEN, a ping. A network path that goes silent without a
     * reset then fails the call (transient) and the connection is dropped, instead of hanging the publisher or
     * a blob fetch for good. A pool the transport builds also bounds its handshakes by it. Default:
     * {@link #DEFAULT_NETWORK_TIMEOUT}.
     */
    public static final Option<Duration> NETWORK_TIMEOUT = Option.duration("postgres.networkTimeout");

    /**
     * Whether the transport may start while the database cannot be used. By default ({@code false}) creating
     * the transport checks the database once, within about 5 seconds (it connects, runs LISTEN, and checks
     * the attachments table and the privileges on it) and fails with a
     * {@link io.siocluster.spi.error.TransportConfigurationException} naming the cause: a host that cannot be
     * reached, an unknown database or role, a failed authentication, missing privileges. With {@code true}
     * it starts at once without the check, reports DOWN and keeps trying to connect.
     */
    public static final Option<Boolean> START_DEGRADED = Option.bool("postgres.startDegraded");

    /** Threads (and, for a pool the transport builds, extra connections) for blob operations. Default: {@value #DEFAULT_BLOB_THREADS}. */
    public static final Option<Integer> BLOB_THREADS = Option.integer("postgres.blobThreads");

    /**
     * Whether a node whose listener connection comes back fetches what it missed. With {@code true}, every
     * batch this transport publishes is also written, in the same transaction as its {@code NOTIFY}, to an
     * UNLOGGED table named after {@link #TABLE_NAME} with {@code _replay} appended ({@code channel},
     * {@code payload}, {@code created_at}; rows older than {@link #REPLAY_WINDOW} are purged). After a reconnect
     * the listener LISTENs again, then delivers the rows of its channels published since its old connection
     * was last known alive, in publishing order, without duplicates, before anything newer; an outage the
     * window covered ends with UP instead of UP_AFTER_GAP, and the transport declares
     * {@link io.siocluster.spi.messaging.DeliveryGuarantee#RESUMES_IN_ORDER}. Only what transports with this
     * option publish is kept: Node's adapter writes no rows, so its messages stay at most once. Default:
     * {@value #DEFAULT_REPLAY}.
     */
    public static final Option<Boolean> REPLAY = Option.bool("postgres.replay");

    /**
     * How long published messages are kept for {@link #REPLAY}: an outage up to this long, less a margin of
     * {@code 5 s} for transactions still in flight, is replayed in full. Attachments are then kept at least as
     * long (the attachments purge never deletes rows younger than this), so a replayed header still finds its
     * blob. From 1 s to 1 h. Default: {@link #DEFAULT_REPLAY_WINDOW}.
     */
    public static final Option<Duration> REPLAY_WINDOW = Option.duration("postgres.replayWindow");

    /**
     * A name for this node in thread names, logs and the listener's {@code application_name}. Default:
     * {@code pg-} and 8 random hex digits.
     */
    public static final Option<String> INSTANCE_NAME = Option.string("postgres.instanceName");
}
