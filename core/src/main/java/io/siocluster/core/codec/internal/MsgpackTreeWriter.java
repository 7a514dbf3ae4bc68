package io.siocluster.core.codec.internal;

import io.siocluster.core.internal.value.CanonicalNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes a value tree as {@code @msgpack/msgpack} 2.8's {@code encode()} does with its defaults: the
 * smallest integer format for whole numbers up to 2^53 (and 64-bit formats for longer longs), float 64
 * for every other number, str 8/16/32 headers, bin for {@code byte[]}, maps with string keys in order.
 * msgpack-core chooses the same formats as that library for each size, which the Node fixtures check.
 */
public final class MsgpackTreeWriter {

    private MsgpackTreeWriter() {
    }

    public static byte[] write(@Nullable Object value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            writeValue(packer, value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("msgpack encoding to memory failed", e); // no I/O happens
        }
    }

    private static void writeValue(MessageBufferPacker packer, @Nullable Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof String s) {
            writeString(packer, s);
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value instanceof Number n) {
            Number canonical = CanonicalNumbers.canonical(n);
            if (canonical instanceof Double d) {
                packer.packDouble(d);
            } else {
                packer.packLong(canonical.longValue());
            }
        } else if (value instanceof byte[] bytes) {
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        } else if (value instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeString(packer, (String) e.getKey());
                writeValue(packer, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            packer.packArrayHeader(list.size());
            for (Object item : list) {
                writeValue(packer, item);
            }
        } else {
            throw new IllegalArgumentException("not a protocol value: " + value.getClass().getName());
        }
    }

    private static void writeString(MessageBufferPacker packer, String s) throws IOException {
        byte[] utf8 = Utf8.encode(s);
        packer.packRawStringHeader(utf8.length);
        packer.writePayload(utf8);
    }
}
