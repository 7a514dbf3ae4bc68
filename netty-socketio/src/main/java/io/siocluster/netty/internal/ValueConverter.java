package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.siocluster.core.protocol.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what applications hand to netty-socketio (any object its {@link JsonSupport} can write) into the
 * plain values cluster messages carry ({@link Values}). Plain values are frozen as they are; anything else is
 * written with the server's own {@link JsonSupport}, so remote clients see what local clients see, and read
 * back in one pass, with its byte arrays put back where netty-socketio left placeholders: as Jackson tokens with
 * netty-socketio's default JSON support ({@link JacksonTokens}), else as JSON text.
 */
public final class ValueConverter {

    private static final int MAX_DEPTH = Values.MAX_DEPTH;

    private final JsonSupport json;
    private final JsonFactory parsers = new ObjectMapper().getFactory();
    /** netty-socketio's Jackson mapper, written to tokens rather than text; null when the server writes JSON otherwise. */
    private final @Nullable JacksonTokens tokens;

    public ValueConverter(JsonSupport json) {
        this.json = json;
        this.tokens = JacksonTokens.of(json);
    }

    /**
     * Frozen plain values for {@code values}.
     *
     * @throws IllegalArgumentException when a value cannot be written as JSON
     */
    public List<@Nullable Object> list(List<?> values) {
        if (isPlain(values, 0)) {
            return Values.freezeList(values);
        }
        List<@Nullable Object> converted = new ArrayList<>(values.size());
        for (Object value : values) {
            converted.add(value(value));
        }
        return Values.freezeList(converted);
    }

    /** One value, as {@link #list(List)} converts each element. */
    public @Nullable Object value(@Nullable Object value) {
        if (isPlain(value, 0)) {
            return Values.freeze(value);
        }
        return Values.freeze(viaJson(value));
    }

    private @Nullable Object viaJson(Object value) {
        try {
            if (tokens != null) {
                try {
                    return tokens.read(value);
                } catch (JsonPlainReader.NotAsText e) {
                    // tokens that text reads differently: write the text
                }
            }
            return viaText(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    private @Nullable Object viaText(Object value) throws IOException {
        ByteBuf buffer = Unpooled.buffer();
        try {
            List<byte[]> arrays;
            // netty-socketio's byte[] serializer collects arrays per thread: write and collect on this thread.
            try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
                json.writeValue(out, value);
                List<byte[]> collected = json.getArrays();
                arrays = collected == null ? List.of() : new ArrayList<>(collected);
            }
            // straight from the text to plain values: no tree in between (the values Values.freeze then copies)
            try (JsonParser parser = parsers.createParser(buffer.array(), buffer.arrayOffset() + buffer.readerIndex(),
                    buffer.readableBytes())) {
                return JsonPlainReader.read(parser, arrays);
            }
        } finally {
            buffer.release();
        }
    }

    /** Whether the value is already made of the types {@link Values} takes. */
    static boolean isPlain(@Nullable Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof byte[]
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Short || value instanceof Byte || value instanceof Float) {
            return true;
        }
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isPlain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !isPlain(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
