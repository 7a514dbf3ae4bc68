package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.OrderedPublisher;
import io.siocluster.core.wire.WireFormat;
import io.siocluster.core.wire.Wires;
import io.siocluster.core.codec.AttachmentPolicy;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a node takes part in the cluster. Names and defaults are the Node adapter's, so a mixed cluster
 * is configured alike on both sides. The attachments table name is the transport's option
 * ({@code postgres.tableName}), since the transport owns the table.
 */
public final class ClusterOptions {

    private final @Nullable String uid;
    private final String channelPrefix;
    private final int payloadThreshold;
    private final Duration requestsTimeout;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final Duration cleanupInterval;
    private final Duration discoveryWindow;
    private final Clock clock;
    private final int maxPendingInbound;
    private final int maxPendingOutbound;
    private final OverloadPolicy outboundPolicy;
    private final Duration overloadThreshold;
    private final WireFormat wireFormat;
    private final int streamCount;

    private ClusterOptions(Builder b) {
        this.uid = b.uid;
        this.channelPrefix = b.channelPrefix;
        this.payloadThreshold = b.payloadThreshold;
        this.requestsTimeout = b.requestsTimeout;
        this.heartbeatInterval = b.heartbeatInterval;
        this.heartbeatTimeout = b.heartbeatTimeout;
        this.cleanupInterval = b.cleanupInterval;
        this.discoveryWindow = b.discoveryWindow;
        this.clock = b.clock;
        this.maxPendingInbound = b.maxPendingInbound;
        this.maxPendingOutbound = b.maxPendingOutbound;
        this.outboundPolicy = b.outboundPolicy;
        this.overloadThreshold = b.overloadThreshold;
        this.wireFormat = b.wireFormat;
        this.streamCount = b.streamCount;
    }

    public static ClusterOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This node's id on the wire; null means a random 16-hex-digit id per namespace, as Node does. */
    public @Nullable String uid() {
        return uid;
    }

    public String channelPrefix() {
        return channelPrefix;
    }

    /** How messages are framed on the bus; default {@link WireFormat#CHANNEL_TEXT}. */
    public WireFormat wireFormat() {
        return wireFormat;
    }

    /** With {@link WireFormat#REDIS_STREAMS}, over how many streams the namespaces are spread; default 1. */
    public int streamCount() {
        return streamCount;
    }

    public int payloadThreshold() {
        return payloadThreshold;
    }

    public Duration requestsTimeout() {
        return requestsTimeout;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    public Duration discoveryWindow() {
        return discoveryWindow;
    }

    public Clock clock() {
        return clock;
    }

    public int maxPendingInbound() {
        return maxPendingInbound;
    }

    public int maxPendingOutbound() {
        return maxPendingOutbound;
    }

    public OverloadPolicy outboundPolicy() {
        return outboundPolicy;
    }

    public Duration overloadThreshold() {
        return overloadThreshold;
    }

    public static final class Builder {
        private @Nullable String uid;
        private String channelPrefix = ChannelNames.DEFAULT_PREFIX;
        private int payloadThreshold = AttachmentPolicy.DEFAULT_PAYLOAD_THRESHOLD;
        private Duration requestsTimeout = Duration.ofSeconds(5);
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        private Duration cleanupInterval = Duration.ofSeconds(30);
        private Duration discoveryWindow = Duration.ofMillis(500);
        private Clock clock = Clock.systemUTC();
        private int maxPendingInbound = 10_000;
        private int maxPendingOutbound = OrderedPublisher.DEFAULT_CAPACITY;
        private OverloadPolicy outboundPolicy = OverloadPolicy.REJECT;
        private Duration overloadThreshold = Duration.ofSeconds(1);
        private WireFormat wireFormat = WireFormat.CHANNEL_TEXT;
        private int streamCount = 1;

        private Builder() {
        }

        /**
         * With {@link WireFormat#REDIS_STREAMS}, how many streams the namespaces are spread over with {@link WireFormat#REDIS_STREAMS}, as Node's
         * {@code streamCount}: 1 (the default) puts every namespace on the stream {@code <channelPrefix>}; with more, a
         * namespace's messages go on {@code <channelPrefix>-<i>}, {@code i} = the namespace name's {@code String.hashCode()}
         * modulo the count (negative for a negative hash, exactly as Node computes it), so several readers share the load
         * while each namespace keeps one order. Every node and emitter of a cluster, Java or Node, must use the same count.
         * Ignored by {@link WireFormat#CHANNEL_TEXT}.
         */
        public Builder streamCount(int count) {
            this.streamCount = Wires.requireValidStreamCount(count);
            return this;
        }

        /**
         * How messages are framed on the bus. Default {@link WireFormat#CHANNEL_TEXT} (Node's postgres adapter's);
         * {@link WireFormat#REDIS_STREAMS} to share a Redis with Node servers running
         * {@code @socket.io/redis-streams-adapter} (the transport must offer field messaging).
         */
        public Builder wireFormat(WireFormat format) {
            this.wireFormat = java.util.Objects.requireNonNull(format, "wireFormat");
            return this;
        }

        /** Fixes this node's uid (one per namespace); default random. */
        public Builder uid(String uid) {
            if (uid.isEmpty() || uid.equals(io.siocluster.core.protocol.Envelope.EMITTER_UID)) {
                throw new IllegalArgumentException("uid must not be empty nor \"emitter\"");
            }
            this.uid = uid;
            return this;
        }

        /**
         * Channels are {@code <channelPrefix>#<namespace>}. Default {@code socket.io}. Letters, digits and
         * {@code _ . - # / :} only, at most {@value ChannelNames#MAX_PREFIX_BYTES} bytes (as the PostgreSQL
         * transport's own prefix), checked here rather than when a namespace opens.
         */
        public Builder channelPrefix(String channelPrefix) {
            this.channelPrefix = ChannelNames.requireValidPrefix("channelPrefix", channelPrefix);
            return this;
        }

        /** Messages whose JSON is this many UTF-8 bytes or more go as attachments. Default 8000. */
        public Builder payloadThreshold(int bytes) {
            this.payloadThreshold = AttachmentPolicy.requireValidThreshold(bytes);
            return this;
        }

        /** How long requests (fetchSockets, serverSideEmit with ack) wait for peers. Default 5 s. */
        public Builder requestsTimeout(Duration timeout) {
            this.requestsTimeout = positive("requestsTimeout", timeout);
            return this;
        }

        /** How often an otherwise silent node sends HEARTBEAT. Default 5 s. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive("heartbeatInterval", interval);
            return this;
        }

        /** A peer silent for longer than this is gone. Default 10 s. */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive("heartbeatTimeout", timeout);
            return this;
        }

        /** Attachments older than this are purged, by one node at a time. Default 30 s. */
        public Builder cleanupInterval(Duration interval) {
            this.cleanupInterval = positive("cleanupInterval", interval);
            return this;
        }

        /**
         * How long a newly started namespace listens for its peers' answers to its INITIAL_HEARTBEAT before
         * it counts peers for requests (Node counts none and answers requests with nothing). Default 500 ms.
         */
        public Builder discoveryWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("discoveryWindow must not be negative, got " + window);
            }
            this.discoveryWindow = window;
            return this;
        }

        /** The clock heartbeats are timed with. Default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The most messages a node holds received but not yet handled (waiting for its thread or for their
         * attachment). At the bound, the transport's delivery thread waits, so the backlog stays in the bus
         * (PostgreSQL: its notification queue) and this heap stays bounded. Default 10,000.
         */
        public Builder maxPendingInbound(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("maxPendingInbound must be positive, got " + messages);
            }
            this.maxPendingInbound = messages;
            return this;
        }

        /**
         * The most messages a namespace holds waiting to be published behind an attachment whose blob is still
         * being stored (they keep their order, so they cannot overtake it). At the bound, {@link #outboundPolicy}
         * decides; nobody waits. Default 10,000. (The transport's own queue has its own bound: PostgreSQL's
         * {@code postgres.queueCapacity} and {@code postgres.queueFullPolicy}.)
         */
        public Builder maxPendingOutbound(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("maxPendingOutbound must be positive, got " + messages);
            }
            this.maxPendingOutbound = messages;
            return this;
        }

        /**
         * What happens to a publish when {@link #maxPendingOutbound} messages wait: {@code REJECT} fails the new
         * one, {@code DROP_OLDEST} fails the oldest waiting one; either stage fails with a
         * {@code TransportUnavailableException}, counted as {@code PUBLISH_FAILED} and in
         * {@link ClusterStats#outboundOverflows()}. Default {@code REJECT}.
         */
        public Builder outboundPolicy(OverloadPolicy policy) {
            this.outboundPolicy = Objects.requireNonNull(policy, "outboundPolicy");
            return this;
        }

        /**
         * A message that waits longer than this to be published (from the call until the transport took it) or
         * to be handled (from its arrival until the node handled it) marks the node overloaded: counted in
         * {@link ClusterStats#delayedMessages}, shown in {@link ClusterNode#health()}'s reason, and logged at
         * WARN at most 3 lines a minute per direction. Default 1 s.
         */
        public Builder overloadThreshold(Duration threshold) {
            this.overloadThreshold = positive("overloadThreshold", threshold);
            return this;
        }

        public ClusterOptions build() {
            if (wireFormat == WireFormat.REDIS_STREAMS && channelPrefix.contains("#/")) {
                throw new IllegalArgumentException("with wire format REDIS_STREAMS, channelPrefix (the stream's name) must"
                        + " not contain \"#/\", got " + channelPrefix);
            }
            if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout
                        + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
            }
            return new ClusterOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
