package io.siocluster.redis.internal;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.regex.Pattern;

/**
 * Turns channel names into stream keys ({@code prefix + channel}) and refuses what must not reach a key: the
 * prefix is restricted to a small alphabet; channel names may hold any text but control characters (which
 * would make keys unreadable in {@code redis-cli} and logs) and are bounded in bytes. Redis receives keys as
 * length-prefixed bulk strings, so no character can break out of a command; the limits keep keys sane.
 */
public final class StreamKeys {

    /** The longest stream key, prefix included, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 512;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:#/{}-]{0,64}");

    private final String prefix;
    private final int maxChannelBytes;

    private StreamKeys(String prefix) {
        this.prefix = prefix;
        this.maxChannelBytes = MAX_KEY_BYTES - prefix.length();
    }

    /** Checks the prefix, naming {@code optionName} when it is refused. */
    public static StreamKeys withPrefix(String optionName, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new TransportConfigurationException("option '" + optionName + "': '" + prefix
                    + "' is refused: use at most 64 letters, digits or _ . : # / { } -");
        }
        return new StreamKeys(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /** The longest channel name accepted, in UTF-8 bytes. */
    public int maxChannelBytes() {
        return maxChannelBytes;
    }

    /** The stream key of a channel, after {@link #check(String, MessagingLimits)}. */
    public String key(String channel) {
        return prefix + channel;
    }

    /** Refuses empty, too long, and control characters, with {@link InvalidChannelNameException}. */
    public void check(String channel, MessagingLimits limits) {
        limits.checkChannel(channel);
        for (int i = 0; i < channel.length(); i++) {
            char c = channel.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidChannelNameException("channel name holds control character U+"
                        + String.format("%04X", (int) c) + " at index " + i + "; refused before it reaches a Redis key");
            }
        }
    }
}
