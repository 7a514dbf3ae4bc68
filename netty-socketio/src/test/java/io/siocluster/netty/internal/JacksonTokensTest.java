package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("application objects converted through Jackson tokens")
class JacksonTokensTest {

    /** The same mapper, but writeValue overridden: the converter then goes through JSON text, the reference. */
    static final class TextOnly extends JacksonJsonSupport {
        @Override
        public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
            super.writeValue(out, value);
        }
    }

    private final ValueConverter tokens = new ValueConverter(new JacksonJsonSupport());
    private final ValueConverter text = new ValueConverter(new TextOnly());

    public enum Colour { RED }

    /** Numbers of every kind Jackson writes, strings that need escapes, binary, nesting, an enum. */
    public static final class Everything {
        public float aFloat = 0.1f;
        public float bigFloat = 3.4e38f;
        public double aDouble = 0.1;
        public double huge = 1e300;
        public double negativeZero = -0.0;
        public double whole = 2.0;
        public BigDecimal price = new BigDecimal("1.50");
        public BigDecimal exponent = new BigDecimal("1E+3");
        public BigInteger beyondLong = new BigInteger("123456789012345678901234567890");
        public BigInteger small = BigInteger.TEN;
        public long maxLong = Long.MAX_VALUE;
        public short aShort = -7;
        public byte aByte = 5;
        public char aChar = 'x';
        public String escapes = "quote \" backslash \\ tab \t nul \u0000 line \u2028 emoji \uD83D\uDE00 lone \uD800 é";
        public byte[] binary = {1, 2, 3};
        public List<Object> mixed = Arrays.asList(1, 2.5f, null, "s", new byte[] {9}, List.of(List.of(true)));
        public Map<String, Object> map = new LinkedHashMap<>(Map.of("k", new byte[] {8}));
        public Colour colour = Colour.RED;
        public long[] longs = {1, -1};
    }

    @Test
    @DisplayName("give the values JSON text gives, for every kind of number, string and binary")
    void sameAsText() {
        Object viaTokens = tokens.value(new Everything());
        Object viaText = text.value(new Everything());

        assertThat(viaTokens).isEqualTo(viaText);
        Map<?, ?> map = (Map<?, ?>) viaTokens;
        assertThat(map.get("aFloat")).as("a float as its text reads, not widened").isEqualTo(0.1);
        assertThat(map.get("binary")).isEqualTo(new byte[] {1, 2, 3});
        assertThat(map.get("escapes")).isEqualTo(new Everything().escapes);
    }

    public static final class NotFinite {
        public double nan = Double.NaN;
        public float infinity = Float.POSITIVE_INFINITY;
    }

    public static final class Raw {
        @JsonRawValue
        public String json = "{\"a\":[1,2.50]}";
    }

    @Test
    @DisplayName("fall back to text where tokens would differ: numbers that are not finite, raw JSON")
    void fallBackToText() {
        assertThat(tokens.value(new NotFinite())).isEqualTo(text.value(new NotFinite()));
        assertThat(((Map<?, ?>) tokens.value(new NotFinite())).get("nan")).as("Jackson writes NaN as a string").isEqualTo("NaN");
        assertThat(tokens.value(new Raw())).isEqualTo(text.value(new Raw()))
                .isEqualTo(Map.of("json", Map.of("a", List.of(1, 2.5))));
    }

    @Test
    @DisplayName("arrays are numbered from 0 for every value, on every call")
    void arraysNumberedPerValue() {
        for (int i = 0; i < 3; i++) {
            assertThat(((Map<?, ?>) tokens.value(new Everything())).get("binary")).isEqualTo(new byte[] {1, 2, 3});
        }
    }

    @Test
    @DisplayName("are used for netty-socketio's JacksonJsonSupport as the server wraps it, not for one that writes its own way")
    void onlyForNettySocketIosOwnWriting() throws Exception {
        Constructor<?> wrap = Class.forName("com.corundumstudio.socketio.JsonSupportWrapper").getDeclaredConstructor(JsonSupport.class);
        wrap.setAccessible(true);

        assertThat(JacksonTokens.of((JsonSupport) wrap.newInstance(new JacksonJsonSupport()))).isNotNull();
        assertThat(JacksonTokens.of(new JacksonJsonSupport())).isNotNull();
        assertThat(JacksonTokens.of((JsonSupport) wrap.newInstance(new TextOnly()))).isNull();
    }
}
