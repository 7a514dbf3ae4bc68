package io.siocluster.core.emitter;

import io.siocluster.core.wire.WireFormat;
import io.siocluster.core.wire.Wires;
import io.siocluster.core.codec.AttachmentPolicy;
import io.siocluster.core.protocol.ChannelNames;

/**
 * How an {@link Emitter} addresses the cluster: the same {@code channelPrefix} and {@code payloadThreshold}
 * as the cluster's nodes (their {@code ClusterOptions}), so that they hear it and can read what it sends.
 * Immutable; checked when built.
 */
public final class EmitterOptions {

    private final String channelPrefix;
    private final int payloadThreshold;
    private final WireFormat wireFormat;
    private final int streamCount;

    private EmitterOptions(Builder b) {
        this.channelPrefix = b.channelPrefix;
        this.payloadThreshold = b.payloadThreshold;
        this.wireFormat = b.wireFormat;
        this.streamCount = b.streamCount;
    }

    /** Node's defaults: prefix {@code socket.io}, threshold 8000. */
    public static EmitterOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String channelPrefix() {
        return channelPrefix;
    }

    public int payloadThreshold() {
        return payloadThreshold;
    }

    /** The cluster's wire format; default {@link WireFormat#CHANNEL_TEXT}. */
    public WireFormat wireFormat() {
        return wireFormat;
    }

    /** With {@link WireFormat#REDIS_STREAMS}, over how many streams the namespaces are spread; default 1. */
    public int streamCount() {
        return streamCount;
    }

    @Override
    public String toString() {
        return "EmitterOptions{channelPrefix=" + channelPrefix + ", payloadThreshold=" + payloadThreshold
                + ", wireFormat=" + wireFormat + ", streamCount=" + streamCount + "}";
    }

    public static final class Builder {
        private String channelPrefix = ChannelNames.DEFAULT_PREFIX;
        private int payloadThreshold = AttachmentPolicy.DEFAULT_PAYLOAD_THRESHOLD;
        private WireFormat wireFormat = WireFormat.CHANNEL_TEXT;
        private int streamCount = 1;

        private Builder() {
        }

        /** With {@link WireFormat#REDIS_STREAMS}, the cluster's stream count, as its nodes' {@code ClusterOptions}. Default 1. */
        public Builder streamCount(int count) {
            this.streamCount = Wires.requireValidStreamCount(count);
            return this;
        }

        /** The cluster's wire format, as its nodes' {@code ClusterOptions}. Default {@link WireFormat#CHANNEL_TEXT}. */
        public Builder wireFormat(WireFormat format) {
            this.wireFormat = java.util.Objects.requireNonNull(format, "wireFormat");
            return this;
        }

        /** The cluster's channel prefix, under the same rules as {@code ClusterOptions}. Default {@code socket.io}. */
        public Builder channelPrefix(String channelPrefix) {
            this.channelPrefix = ChannelNames.requireValidPrefix("channelPrefix", channelPrefix);
            return this;
        }

        /** Messages whose JSON is this many UTF-8 bytes or more go as attachments. Default 8000. */
        public Builder payloadThreshold(int bytes) {
            this.payloadThreshold = AttachmentPolicy.requireValidThreshold(bytes);
            return this;
        }

        public EmitterOptions build() {
            return new EmitterOptions(this);
        }
    }
}
