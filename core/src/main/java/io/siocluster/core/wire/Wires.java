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
     * stream entries of Node's fields and back (the transport's liveness, limits and blob store unchanged). Closing
     * the view closes {@code transport}.
     *
     * @throws TransportConfigurationException when the transport lacks what the format needs
     */
    public static Transport adapt(Transport transport, WireFormat format) {
        return switch (format) {
            case CHANNEL_TEXT -> transport;
            case REDIS_STREAMS -> new StreamFramedTransport(transport, transport.messaging().fields().orElseThrow(
                    () -> new TransportConfigurationException("wire format REDIS_STREAMS needs a transport with field"
                            + " messaging (stream entries), such as 'redis'; transport '" + transport.providerName()
                            + "' has none")));
        };
    }
}
