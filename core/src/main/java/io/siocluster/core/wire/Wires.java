package io.siocluster.core.wire;

import io.siocluster.core.wire.internal.StreamFramedTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransportConfigurationException;

/** The one place that picks how messages travel: the core sees a transport of channel texts whatever the format. */
public final class Wires {

    private Wires() {
    }

    /**
     * The transport a node or emitter publishes and subscribes through for {@code format}: {@code transport} itself
     * for {@link WireFormat#CHANNEL_TEXT}; for {@link WireFormat#REDIS_STREAMS} a view whose channel texts become
     * stream entries of Node's fields and back, and, when the transport offers pub/sub, requests and responses as
     * Node's msgpack messages on its pub/sub channels (see {@link #routes}); the transport's liveness and limits
     * unchanged. Closing
     * the view closes {@code transport}.
     *
     * @throws TransportConfigurationException when the transport lacks what the format needs
     */
    public static Transport adapt(Transport transport, WireFormat format) {
        return adapt(transport, format, 1);
    }

    /**
     * As {@link #adapt(Transport, WireFormat)}, with {@link WireFormat#REDIS_STREAMS}'s namespaces spread over
     * {@code streamCount} streams as Node's {@code streamCount} spreads them ({@code ClusterOptions.Builder#streamCount}).
     */
    public static Transport adapt(Transport transport, WireFormat format, int streamCount) {
        requireValidStreamCount(streamCount);
        return switch (format) {
            case CHANNEL_TEXT -> transport;
            case REDIS_STREAMS -> new StreamFramedTransport(transport, transport.messaging().fields().orElseThrow(
                    () -> new TransportConfigurationException("wire format REDIS_STREAMS needs a transport with field"
                            + " messaging (stream entries), such as 'redis'; transport '" + transport.providerName()
                            + "' has none")), transport.messaging().pubSub(), streamCount);
        };
    }

    /** {@code count} when it is a stream count (1 or more), else an {@link IllegalArgumentException}. */
    public static int requireValidStreamCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("streamCount must be 1 or more, got " + count);
        }
        return count;
    }

    /**
     * Where a node's namespaces send responses and how they count servers for {@code format} over {@code transport}
     * (the transport as given to {@link #adapt}): Node's pub/sub routes for {@link WireFormat#REDIS_STREAMS} when the
     * transport offers pub/sub ({@link io.siocluster.spi.messaging.Messaging#pubSub()}), else the namespace channel.
     */
    public static WireRoutes routes(Transport transport, WireFormat format) {
        return format == WireFormat.REDIS_STREAMS
                ? transport.messaging().pubSub().map(WireRoutes::pubSub).orElse(WireRoutes.channelsOnly())
                : WireRoutes.channelsOnly();
    }
}
