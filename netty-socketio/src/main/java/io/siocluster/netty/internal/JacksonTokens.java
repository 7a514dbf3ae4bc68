package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an application object with netty-socketio's own Jackson mapper into a {@link TokenBuffer} and reads the
 * tokens back as plain values, instead of writing JSON text and parsing it again: strings are handed over as they
 * are rather than escaped into UTF-8 and decoded back (on the 20 kB benchmark row that round trip was a fifth of the
 * event loops' samples). The values are those the text would give ({@link JsonPlainReader} reads tokens as it reads
 * text); where tokens could differ from text (an embedded object, a number that is not finite) the caller writes
 * text instead.
 *
 * <p>Only for netty-socketio's {@link JacksonJsonSupport} (its default) when {@code writeValue} is not overridden and
 * numbers are not written as strings: the mapper and the byte-array serializer are protected fields, read once
 * through a {@link VarHandle}; if an upgrade renames them, {@link #of} returns null (said once at INFO) and every
 * value goes through text as before.
 */
final class JacksonTokens {

    private static final Logger LOG = LoggerFactory.getLogger(JacksonTokens.class);

    private final ObjectMapper mapper;
    private final JacksonJsonSupport.ByteArraySerializer arrays;

    private JacksonTokens(ObjectMapper mapper, JacksonJsonSupport.ByteArraySerializer arrays) {
        this.mapper = mapper;
        this.arrays = arrays;
    }

    /** The token path for the server's {@code json}, or null when it writes JSON some other way. */
    static @Nullable JacksonTokens of(JsonSupport json) {
        try {
            // netty-socketio wraps the configured JsonSupport in its package-private JsonSupportWrapper
            Class<?> wrapper = Class.forName("com.corundumstudio.socketio.JsonSupportWrapper");
            JsonSupport support = wrapper.isInstance(json)
                    ? (JsonSupport) PrivateFields.handle(wrapper, "delegate", JsonSupport.class).get(json) : json;
            if (!(support instanceof JacksonJsonSupport jackson) || support.getClass().getMethod("writeValue",
                    ByteBufOutputStream.class, Object.class).getDeclaringClass() != JacksonJsonSupport.class) {
                return null; // another JsonSupport, or one that writes values its own way
            }
            ObjectMapper mapper = (ObjectMapper) PrivateFields.handle(JacksonJsonSupport.class, "objectMapper", ObjectMapper.class)
                    .get(jackson);
            // a protected class: its one byte-array serializer, which numbers each thread's arrays, is asked once
            Class<?> modifierClass = Class.forName(JacksonJsonSupport.class.getName() + "$ExBeanSerializerModifier");
            Object modifier = PrivateFields.handle(JacksonJsonSupport.class, "modifier", modifierClass).get(jackson);
            java.lang.reflect.Method serializer = modifierClass.getMethod("getSerializer");
            serializer.setAccessible(true);
            if (mapper.getFactory().isEnabled(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS)) {
                return null; // text would hold strings where tokens hold numbers
            }
            return new JacksonTokens(mapper, (JacksonJsonSupport.ByteArraySerializer) serializer.invoke(modifier));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("netty-socketio's Jackson mapper cannot be read ({}): application objects are converted through"
                    + " JSON text", e.toString());
            return null;
        }
    }

    /**
     * The plain values of {@code value}, with byte arrays put back where netty-socketio's serializer left
     * placeholders.
     *
     * @throws JsonPlainReader.NotAsText when tokens could give other values than text: write text instead
     */
    @Nullable Object read(Object value) throws IOException {
        TokenBuffer tokens = new TokenBuffer(mapper, false);
        arrays.clear(); // as netty-socketio's writeValue does: the serializer numbers this thread's arrays from 0
        mapper.writeValue(tokens, value);
        List<byte[]> written = arrays.getArrays();
        try (JsonParser parser = tokens.asParser()) {
            return JsonPlainReader.readTokens(parser, written == null ? List.of() : new ArrayList<>(written));
        }
    }
}
