package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import io.siocluster.netty.internal.ValueConverter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("argument conversion")
class ValueConverterTest {

    private final ValueConverter converter = new ValueConverter(new JacksonJsonSupport());

    /** An application's own type, as netty-socketio users pass to sendEvent. */
    public static final class Message {
        public String text = "hi";
        public byte[] attachment = {1, 2};
        public List<Integer> numbers = List.of(1, 2, 3);
        public BigDecimal price = new BigDecimal("1.50");
        public String missing = null;
    }

    @Test
    @DisplayName("plain values stay as they are")
    void plain() {
        List<Object> values = converter.list(List.of("a", 1, 2.5, true, new byte[] {7}, Map.of("k", List.of(1L))));

        assertThat(values.get(0)).isEqualTo("a");
        assertThat(values.get(1)).isEqualTo(1);
        assertThat(values.get(4)).isEqualTo(new byte[] {7});
        assertThat(values.get(5)).isEqualTo(Map.of("k", List.of(1)));
    }

    @Test
    @DisplayName("other objects become what the server's JSON support writes, binary kept as binary")
    void objects() {
        Object value = converter.value(new Message());

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(map.get("text")).isEqualTo("hi");
        assertThat(map.get("attachment")).isEqualTo(new byte[] {1, 2});
        assertThat(map.get("numbers")).isEqualTo(List.of(1, 2, 3));
        assertThat(map.get("price")).isEqualTo(1.5);
        assertThat(map.containsKey("missing")).as("null fields are left out, as netty-socketio writes them").isFalse();
    }

    /** A POJO holding other POJOs, binary at several depths and nulls. */
    public static final class Nested {
        public Message first = new Message();
        public List<Object> items = java.util.Arrays.asList(new Message(), null, new byte[] {9}, Map.of("deep", new byte[] {8, 8}));
        public Object nothing = null;
    }

    @Test
    @DisplayName("nested objects, binary at any depth and nulls convert as the server writes them")
    void nested() {
        Object value = converter.value(new Nested());

        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(((Map<?, ?>) map.get("first")).get("attachment")).isEqualTo(new byte[] {1, 2});
        List<?> items = (List<?>) map.get("items");
        assertThat(((Map<?, ?>) items.get(0)).get("numbers")).isEqualTo(List.of(1, 2, 3));
        assertThat(items.get(1)).isNull();
        assertThat(items.get(2)).isEqualTo(new byte[] {9});
        assertThat(((Map<?, ?>) items.get(3)).get("deep")).isEqualTo(new byte[] {8, 8});
        assertThat(map.containsKey("nothing")).isFalse();
    }

    @Test
    @DisplayName("null stays null, alone and in a list of objects")
    void nulls() {
        assertThat(converter.value(null)).isNull();
        List<Object> values = converter.list(java.util.Arrays.asList(null, new Message(), null));
        assertThat(values.get(0)).isNull();
        assertThat(values.get(1)).isInstanceOf(Map.class);
        assertThat(values.get(2)).isNull();
    }
}
