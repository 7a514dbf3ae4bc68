package io.siocluster.core.protocol;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Channel names as the Node adapter forms them: {@code <channelPrefix>#<namespace>}, one channel per
 * namespace, e.g. {@code socket.io#/} and {@code socket.io#/chat}.
 */
public final class ChannelNames {

    /** The Node adapter's default {@code channelPrefix}. */
    public static final String DEFAULT_PREFIX = "socket.io";

    /** The default namespace as it appears on the wire. */
    public static final String DEFAULT_NAMESPACE = "/";

    /**
     * The longest channel prefix, in bytes: {@code <prefix>#/} must fit PostgreSQL's 63-byte channel names, the
     * tightest limit of the transports, so that a configuration works on any of them.
     */
    public static final int MAX_PREFIX_BYTES = 61;

    // the PostgreSQL transport's alphabet for its own prefix: names that need no quoting anywhere
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.#/:-]+");

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

    /**
     * Returns {@code prefix} when it can start channel names on every transport: not empty, only letters,
     * digits and {@code _ . - # / :}, at most {@value #MAX_PREFIX_BYTES} bytes.
     *
     * @param option the option's name, for the message
     * @throws IllegalArgumentException naming the option and the rule broken
     */
    public static String requireValidPrefix(String option, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(option + " '" + prefix
                    + "' is refused: it must be non-empty and hold only letters, digits and _ . - # / :");
        }
        if (prefix.length() > MAX_PREFIX_BYTES) {
            throw new IllegalArgumentException(option + " '" + prefix + "' is refused: it is " + prefix.length()
                    + " bytes, at most " + MAX_PREFIX_BYTES + " leave room for '#/' in a 63-byte channel name");
        }
        return prefix;
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
