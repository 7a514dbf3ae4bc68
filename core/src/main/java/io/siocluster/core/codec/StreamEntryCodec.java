package io.siocluster.core.codec;

import io.siocluster.core.codec.MessageDecodeException.Reason;
import io.siocluster.core.codec.internal.EnvelopeTreeReader;
import io.siocluster.core.codec.internal.EnvelopeTreeWriter;
import io.siocluster.core.codec.internal.JsonTextWriter;
import io.siocluster.core.codec.internal.JsonTreeReader;
import io.siocluster.core.codec.internal.MsgpackTreeReader;
import io.siocluster.core.codec.internal.MsgpackTreeWriter;
import io.siocluster.core.internal.value.FrozenMap;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cluster message as the fields of one stream entry, the way {@code @socket.io/redis-streams-adapter} 0.3.1
 * writes them ({@code RedisStreamsAdapter.encode} / {@code decode}): {@code uid}, {@code nsp}, {@code type} as
 * decimal text, and {@code data} as the {@code JSON.stringify} text of the message's data, or, when the data holds
 * binary, the base64 text of its msgpack. A numbered message also carries {@code seq} (not Node's: Node reads the
 * four fields it knows and ignores the others). Node chooses JSON or msgpack by whether {@code data} starts with
 * a brace, and so does this. Decoding is total and bounded like {@link ProtocolCodec}'s. Immutable, thread-safe.
 */
public final class StreamEntryCodec {

    private static final String SEQ = "seq";

    private final DecodeLimits limits;
    private final JsonTreeReader jsonReader;
    private final MsgpackTreeReader msgpackReader;

    public StreamEntryCodec(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.jsonReader = new JsonTreeReader(limits);
        this.msgpackReader = new MsgpackTreeReader(limits);
    }

    /** The entry's fields, in Node's order: uid, nsp, type, data (when the message has data), then seq. */
    public Map<String, String> encode(Envelope envelope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("uid", envelope.uid());
        fields.put("nsp", envelope.nsp());
        fields.put("type", Integer.toString(envelope.type().code()));
        Object data = EnvelopeTreeWriter.tree(envelope).get("data");
        if (data != null) {
            fields.put("data", AttachmentPolicy.holdsBinary(envelope)
                    ? Base64.getEncoder().encodeToString(MsgpackTreeWriter.write(data))
                    : JsonTextWriter.write(data));
        }
        if (envelope.seq() != Envelope.UNNUMBERED) {
            fields.put(SEQ, Long.toString(envelope.seq()));
        }
        return fields;
    }

    /**
     * Reads an entry's fields.
     *
     * @param channelNamespace the namespace to assume when the entry names none
     */
    public Envelope decode(Map<String, String> fields, String channelNamespace) throws MessageDecodeException {
        try {
            LinkedHashMap<String, @Nullable Object> root = new LinkedHashMap<>();
            root.put("uid", fields.get("uid"));
            root.put("nsp", fields.get("nsp"));
            root.put("type", wholeNumber(fields.get("type"), "type", Integer.MAX_VALUE));
            String data = fields.get("data");
            if (data != null && !data.isEmpty()) { // Node: "if (rawMessage.data)"
                checkSize(data);
                root.put("data", data.startsWith("{") ? jsonReader.readObject(data) : msgpackReader.readObject(base64(data)));
            }
            String seq = fields.get(SEQ);
            if (seq != null) {
                root.put(EnvelopeTreeReader.SEQ_KEY, wholeNumber(seq, SEQ, Envelope.MAX_SEQ));
            }
            return EnvelopeTreeReader.envelope(FrozenMap.adopt(root), channelNamespace);
        } catch (RuntimeException | StackOverflowError e) {
            Reason reason = e instanceof StackOverflowError ? Reason.LIMIT_EXCEEDED : Reason.INVALID_MESSAGE;
            throw new MessageDecodeException(reason, "rejected stream entry: " + e, null, e);
        }
    }

    /**
     * An entry that could not be read, as a text {@link ProtocolCodec} rejects as malformed ({@code type} is a
     * string there), so whoever counts malformed texts counts it too.
     */
    public static String unreadable(Map<String, String> fields) {
        return JsonTextWriter.write(new LinkedHashMap<String, @Nullable Object>(fields));
    }

    /** Decimal digits only, as Node writes them; anything else (or a missing field) is not a number. */
    private static @Nullable Number wholeNumber(@Nullable String text, String field, long max) throws MessageDecodeException {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > 16 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MessageDecodeException(Reason.INVALID_MESSAGE, "'" + field + "' must be decimal digits, got '"
                    + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'");
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new MessageDecodeException(Reason.INVALID_MESSAGE, "'" + field + "' is over " + max);
        }
        return value <= Integer.MAX_VALUE ? (Number) (int) value : (Number) value;
    }

    private static byte[] base64(String text) throws MessageDecodeException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MessageDecodeException(Reason.MALFORMED, "'data' is neither JSON nor base64: " + e.getMessage());
        }
    }

    private void checkSize(String data) throws MessageDecodeException {
        int max = limits.maxPayloadBytes();
        if (data.length() > max || (data.length() > max / 3 && MessagingLimits.utf8Length(data) > max)) {
            throw new MessageDecodeException(Reason.LIMIT_EXCEEDED, "'data' over " + max + " bytes");
        }
    }
}
