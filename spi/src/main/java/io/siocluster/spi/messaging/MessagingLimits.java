package io.siocluster.spi.messaging;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.PayloadTooLargeException;
import java.util.Map;

/**
 * What a transport can carry inline, in UTF-8 bytes. Payloads above {@code maxPayloadBytes} go to the blob
 * store; channel names above {@code maxChannelNameBytes} are refused.
 *
 * @param maxPayloadBytes the largest payload accepted (PostgreSQL: 7999, as NOTIFY needs fewer than 8000)
 * @param maxChannelNameBytes the longest channel name accepted (PostgreSQL: 63, NAMEDATALEN - 1)
 */
public record MessagingLimits(int maxPayloadBytes, int maxChannelNameBytes) {

    /** PostgreSQL's limits with its default build settings. */
    public static final MessagingLimits POSTGRES = new MessagingLimits(7999, 63);

    public MessagingLimits {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 1, got " + maxPayloadBytes);
        }
        if (maxChannelNameBytes < 1) {
            throw new IllegalArgumentException("maxChannelNameBytes must be at least 1, got " + maxChannelNameBytes);
        }
    }

    /** Throws {@link InvalidChannelNameException} when the name is empty or too long. */
    public void checkChannel(String channel) {
        if (channel.isEmpty()) {
            throw new InvalidChannelNameException("channel name must not be empty");
        }
        int bytes = utf8Length(channel);
        if (bytes > maxChannelNameBytes) {
            throw InvalidChannelNameException.tooLong(channel, bytes, maxChannelNameBytes);
        }
    }

    /** Throws {@link PayloadTooLargeException} when the payload is over the limit. */
    public void checkPayload(String payload) {
        // Fast path: even all-4-byte characters (2 chars each) cannot exceed the limit.
        if (payload.length() * 2L <= maxPayloadBytes) {
            return;
        }
        int bytes = utf8Length(payload);
        if (bytes > maxPayloadBytes) {
            throw new PayloadTooLargeException(bytes, maxPayloadBytes);
        }
    }

    /**
     * Checks a stream entry of {@link FieldMessaging}: at least one field ({@link IllegalArgumentException}
     * otherwise), names and values together within {@code maxPayloadBytes} in UTF-8 ({@link PayloadTooLargeException}
     * otherwise).
     */
    public void checkEntry(Map<String, String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a stream entry needs at least one field");
        }
        long bytes = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            bytes += utf8Length(field.getKey()) + utf8Length(field.getValue());
        }
        if (bytes > maxPayloadBytes) {
            throw new PayloadTooLargeException((int) Math.min(Integer.MAX_VALUE, bytes), maxPayloadBytes);
        }
    }

    /** The UTF-8 length of a string, computed without allocating its bytes. */
    public static int utf8Length(CharSequence s) {
        int bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate: Java's UTF-8 encoder writes '?' for it
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
