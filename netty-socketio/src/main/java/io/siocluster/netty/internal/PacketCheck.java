package io.siocluster.netty.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Checks an Engine.IO 4 text packet from a client before netty-socketio decodes it. netty-socketio logs a packet
 * it cannot decode at ERROR with the client's bytes and three stack traces, and keeps the connection; a packet
 * refused here is reported once, without its bytes, and the connection closed, as Node's server does.
 *
 * <p>The check is a streaming JSON scan (no tree is built): it covers what netty-socketio's decoder needs to
 * succeed (packet types, namespace, acknowledgement id, an event's name, JSON syntax). Well-formed JSON that does
 * not fit a listener's declared class is still netty-socketio's to report.
 */
final class PacketCheck {

    /** The most digits an attachment count may have; the count itself is bounded by the decoder. */
    static final int COUNT_DIGITS = 4;
    private static final int ACK_ID_DIGITS = 18; // fits a long
    private static final JsonFactory JSON = new JsonFactory();

    private PacketCheck() {
    }

    /** Why the packet in {@code buf[from, to)} is refused, or null when netty-socketio can decode it. */
    static @Nullable String problem(ByteBuf buf, int from, int to) {
        if (from >= to) {
            return "empty packet";
        }
        byte type = buf.getByte(from);
        if (type != '4') {
            return otherEngineIoPacket(buf, from, to, type);
        }
        if (to - from < 2) {
            return "message without a Socket.IO packet type";
        }
        int i = from + 2;
        return switch (buf.getByte(from + 1)) {
            case '0' -> connect(buf, i, to);
            case '1', '4' -> null; // disconnect, connect error: netty-socketio reads no data from them
            case '2' -> data(buf, i, to, true);
            case '3' -> data(buf, i, to, false);
            case '5', '6' -> binary(buf, i, to, buf.getByte(from + 1) == '5');
            default -> "unknown Socket.IO packet type";
        };
    }

    /** Close, ping, pong, upgrade, noop: one character, or a ping/pong {@code probe}. */
    private static @Nullable String otherEngineIoPacket(ByteBuf buf, int from, int to, byte type) {
        if (type < '1' || type > '6') {
            return "unknown Engine.IO packet type";
        }
        if (to - from == 1 || ((type == '2' || type == '3')
                && "probe".equals(buf.toString(from + 1, to - from - 1, StandardCharsets.US_ASCII)))) {
            return null;
        }
        return "unexpected data after an Engine.IO packet type";
    }

    private static @Nullable String connect(ByteBuf buf, int from, int to) {
        int i = from;
        if (i < to && buf.getByte(i) == '/') {
            int comma = indexOf(buf, i, to, (byte) ',');
            if (comma < 0) {
                return null;
            }
            i = comma + 1;
        }
        return i == to ? null : json(buf, i, to, Shape.OBJECT);
    }

    private static @Nullable String binary(ByteBuf buf, int from, int to, boolean event) {
        int digits = digits(buf, from, to);
        if (digits == 0 || digits > COUNT_DIGITS || from + digits >= to || buf.getByte(from + digits) != '-') {
            return "binary packet without a valid attachment count";
        }
        return data(buf, from + digits + 1, to, event);
    }

    /** {@code [<nsp>,][<ack id>]<json array>}, an event's array starting with its name. */
    private static @Nullable String data(ByteBuf buf, int from, int to, boolean event) {
        int i = from;
        if (i < to && buf.getByte(i) == '/') {
            int comma = indexOf(buf, i, to, (byte) ',');
            if (comma < 0) {
                return "namespace without a comma";
            }
            i = comma + 1;
        }
        int digits = digits(buf, i, to);
        if (digits > ACK_ID_DIGITS) {
            return "acknowledgement id too long";
        }
        return json(buf, i + digits, to, event ? Shape.EVENT : Shape.ARRAY);
    }

    private enum Shape { OBJECT, ARRAY, EVENT }

    private static @Nullable String json(ByteBuf buf, int from, int to, Shape shape) {
        try (JsonParser parser = JSON.createParser((InputStream) new ByteBufInputStream(buf.slice(from, to - from)))) {
            JsonToken first = parser.nextToken();
            if (shape == Shape.OBJECT) {
                if (first != JsonToken.START_OBJECT) {
                    return "connect data is not a JSON object";
                }
                parser.skipChildren();
                return null;
            }
            if (first != JsonToken.START_ARRAY) {
                return "event or acknowledgement data is not a JSON array";
            }
            JsonToken token = parser.nextToken();
            if (shape == Shape.EVENT && token != JsonToken.VALUE_STRING) {
                return "event without a name";
            }
            for (; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    return "truncated JSON";
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return "invalid JSON";
        }
    }

    private static int digits(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to && buf.getByte(i) >= '0' && buf.getByte(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private static int indexOf(ByteBuf buf, int from, int to, byte value) {
        return buf.indexOf(from, to, value);
    }
}
