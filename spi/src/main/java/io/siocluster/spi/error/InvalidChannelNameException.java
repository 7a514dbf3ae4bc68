package io.siocluster.spi.error;

/**
 * A channel name the bus cannot carry: empty, or longer than the transport's channel-name limit in UTF-8
 * bytes (PostgreSQL: 63). Raised before anything reaches the bus.
 */
public class InvalidChannelNameException extends NonTransientTransportException {

    public InvalidChannelNameException(String message) {
        super(message);
    }

    public static InvalidChannelNameException tooLong(String channel, int bytes, int maxBytes) {
        return new InvalidChannelNameException("channel name '" + channel + "' is " + bytes
                + " UTF-8 bytes, the transport allows at most " + maxBytes);
    }
}
