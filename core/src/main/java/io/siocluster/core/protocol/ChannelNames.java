package io.siocluster.core.protocol;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.Optional;

/**
 * Channel names as the Node adapter forms them: {@code <channelPrefix>#<namespace>}, one channel per
 * namespace, e.g. {@code socket.io#/} and {@code socket.io#/chat}.
 */
public final class ChannelNames {

    /** The Node adapter's default {@code channelPrefix}. */
    public static final String DEFAULT_PREFIX = "socket.io";

    /** The default namespace as it appears on the wire. */
    public static final String DEFAULT_NAMESPACE = "/";

    private ChannelNames() {
    }

    /**
     * The namespace as Node names it: netty-socketio's default namespace {@code ""} is {@code "/"}, and a
     * name without a leading slash gets one (as the Node emitter's {@code of()} does).
     */
    public static String wireNamespace(String namespace) {
        if (namespace.isEmpty()) {
            return DEFAULT_NAMESPACE;
        }
        return namespace.charAt(0) == '/' ? namespace : "/" + namespace;
    }

    /** {@code <prefix>#<wire namespace>}. */
    public static String channel(String prefix, String namespace) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("channel prefix must not be empty");
        }
        return prefix + "#" + wireNamespace(namespace);
    }

    /**
     * {@link #channel(String, String)}, refused when the transport cannot carry the name (PostgreSQL:
     * 64 bytes or more), so that a namespace fails when it is opened rather than on its first message.
     *
     * @throws InvalidChannelNameException naming the prefix, the namespace and the transport's limit
     */
    public static String channel(String prefix, String namespace, MessagingLimits limits) {
        String channel = channel(prefix, namespace);
        int bytes = MessagingLimits.utf8Length(channel);
        if (bytes > limits.maxChannelNameBytes()) {
            throw new InvalidChannelNameException("namespace '" + wireNamespace(namespace) + "' with channel prefix '"
                    + prefix + "' gives channel '" + channel + "' of " + bytes
                    + " UTF-8 bytes; the transport allows at most " + limits.maxChannelNameBytes()
                    + ": use a shorter channelPrefix or namespace");
        }
        return channel;
    }

    /** The namespace part of a channel with this prefix, or empty for a channel of another prefix. */
    public static Optional<String> namespaceOf(String prefix, String channel) {
        int length = prefix.length();
        if (channel.length() > length + 1 && channel.startsWith(prefix) && channel.charAt(length) == '#') {
            return Optional.of(channel.substring(length + 1));
        }
        return Optional.empty();
    }
}
