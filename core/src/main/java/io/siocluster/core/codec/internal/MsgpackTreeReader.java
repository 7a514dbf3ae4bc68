package io.siocluster.core.codec.internal;

import io.siocluster.core.codec.DecodeLimits;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.MessageDecodeException.Reason;
import io.siocluster.core.internal.value.CanonicalNumbers;
import io.siocluster.core.internal.value.FrozenList;
import io.siocluster.core.internal.value.FrozenMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads a msgpack map into frozen value trees, accepting what {@code @msgpack/msgpack}'s {@code decode()}
 * accepts: every integer and float format (as canonical numbers), str (invalid UTF-8 becomes U+FFFD),
 * bin as {@code byte[]}, map keys that are strings or numbers (JavaScript turns number keys into
 * strings), and the timestamp extension (as the ISO text a Node peer would send on). Other extensions,
 * the never-used byte 0xc1, truncation and trailing bytes are refused.
 *
 * <p>Every length read from a header is checked against the bytes left before anything is allocated, so
 * a 5-byte payload cannot ask for a 4 GB array. Thread-safe.
 */
public final class MsgpackTreeReader {

    private final DecodeLimits limits;

    public MsgpackTreeReader(DecodeLimits limits) {
        this.limits = limits;
    }

    /** The map the bytes hold. */
    public FrozenMap readObject(byte[] bytes) throws MessageDecodeException {
        if (bytes.length > limits.maxPayloadBytes()) {
            throw new MessageDecodeException(Reason.LIMIT_EXCEEDED,
                    "payload of " + bytes.length + " bytes, at most " + limits.maxPayloadBytes() + " accepted");
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            Reading reading = new Reading(unpacker, bytes.length, new DecodeBudget(limits));
            if (!unpacker.hasNext() || unpacker.getNextFormat() == MessageFormat.NEVER_USED
                    || unpacker.getNextFormat().getValueType() != org.msgpack.value.ValueType.MAP) {
                throw new MessageDecodeException(Reason.MALFORMED, "msgpack payload is not a map");
            }
            FrozenMap root = (FrozenMap) reading.value(0);
            if (unpacker.hasNext()) {
                throw new MessageDecodeException(Reason.MALFORMED,
                        "extra bytes after the msgpack map: " + (bytes.length - unpacker.getTotalReadBytes()));
            }
            return root;
        } catch (MessagePackException | IOException e) {
            throw new MessageDecodeException(Reason.MALFORMED, "invalid msgpack: " + e.getMessage(), null, e);
        }
    }

    /** The state of one decode. */
    private static final class Reading {

        private final MessageUnpacker unpacker;
        private final long total;
        private final DecodeBudget budget;

        Reading(MessageUnpacker unpacker, long total, DecodeBudget budget) {
            this.unpacker = unpacker;
            this.total = total;
            this.budget = budget;
        }

        @Nullable Object value(int depth) throws IOException, MessageDecodeException {
            budget.spend(1);
            MessageFormat format = unpacker.getNextFormat();
            switch (format) {
                case NEVER_USED:
                    throw new MessageDecodeException(Reason.MALFORMED, "byte 0xc1 is never used in msgpack");
                case NIL:
                    unpacker.unpackNil();
                    return null;
                case BOOLEAN:
                    return unpacker.unpackBoolean();
                case UINT64:
                    // above Long.MAX_VALUE only for uint 64; JavaScript reads those as (rounded) doubles
                    return CanonicalNumbers.canonical(unpacker.unpackBigInteger());
                case FLOAT32:
                case FLOAT64:
                    return CanonicalNumbers.ofDouble(unpacker.unpackDouble());
                case BIN8:
                case BIN16:
                case BIN32:
                    return unpacker.readPayload(length(unpacker.unpackBinaryHeader(), 1));
                case FIXEXT1:
                case FIXEXT2:
                case FIXEXT4:
                case FIXEXT8:
                case FIXEXT16:
                case EXT8:
                case EXT16:
                case EXT32:
                    return extension(unpacker.unpackExtensionTypeHeader());
                default:
                    break;
            }
            switch (format.getValueType()) {
                case INTEGER:
                    return CanonicalNumbers.ofLong(unpacker.unpackLong());
                case STRING:
                    return new String(unpacker.readPayload(length(unpacker.unpackRawStringHeader(), 1)),
                            StandardCharsets.UTF_8);
                case ARRAY:
                    return array(depth + 1);
                case MAP:
                    return map(depth + 1);
                default:
                    throw new MessageDecodeException(Reason.MALFORMED, "unexpected msgpack format " + format);
            }
        }

        private FrozenList array(int depth) throws IOException, MessageDecodeException {
            budget.enter(depth);
            int size = length(unpacker.unpackArrayHeader(), 1);
            budget.checkRoom(size);
            Object[] items = new Object[size];
            for (int i = 0; i < size; i++) {
                items[i] = value(depth);
            }
            return FrozenList.adopt(items);
        }

        private FrozenMap map(int depth) throws IOException, MessageDecodeException {
            budget.enter(depth);
            int size = length(unpacker.unpackMapHeader(), 2);
            budget.checkRoom(2L * size);
            LinkedHashMap<String, @Nullable Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                String key = key(value(depth));
                entries.put(key, value(depth));
            }
            return FrozenMap.adopt(entries);
        }

        private static String key(@Nullable Object key) throws MessageDecodeException {
            if (key instanceof String s) {
                return s;
            }
            if (key instanceof Double d) {
                return JsNumberFormat.toJsString(d);
            }
            if (key instanceof Number n) {
                return n.toString();
            }
            throw new MessageDecodeException(Reason.MALFORMED, "map key must be a string or a number");
        }

        private @Nullable Object extension(ExtensionTypeHeader header) throws IOException, MessageDecodeException {
            length(header.getLength(), 1);
            if (!header.isTimestampType()) {
                throw new MessageDecodeException(Reason.MALFORMED, "unsupported msgpack extension type " + header.getType());
            }
            return JsDates.isoString(unpacker.unpackTimestamp(header));
        }

        /** A header's element count, refused when the bytes left could not possibly hold that many. */
        private int length(int count, int minBytesEach) throws MessageDecodeException {
            long left = total - unpacker.getTotalReadBytes();
            if (count < 0 || (long) count * minBytesEach > left) {
                throw new MessageDecodeException(Reason.MALFORMED,
                        "msgpack header announces " + Integer.toUnsignedString(count) + " elements, only " + left + " bytes left");
            }
            return count;
        }
    }
}
