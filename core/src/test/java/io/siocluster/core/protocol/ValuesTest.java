package io.siocluster.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.core.codec.InlineNotification;
import io.siocluster.core.codec.ProtocolCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("argument values")
class ValuesTest {

    @Test
    @DisplayName("numbers take one canonical form: whole values up to 2^53 as Integer or Long, the rest as Double")
    void canonicalNumbers() {
        assertThat(Values.freeze(3.0)).isEqualTo(3);
        assertThat(Values.freeze(-0.0)).isEqualTo(0);
        assertThat(Values.freeze((byte) 1)).isEqualTo(1);
        assertThat(Values.freeze(1L)).isEqualTo(1);
        assertThat(Values.freeze(1L << 40)).isEqualTo(1L << 40);
        assertThat(Values.freeze(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Values.freeze(BigInteger.TEN.pow(30))).isEqualTo(1e30);
        assertThat(Values.freeze(new BigDecimal("2.5"))).isEqualTo(2.5);
        assertThat(Values.freeze(2.5f)).isEqualTo(2.5);
        assertThat(Values.freeze(9007199254740992.0)).isEqualTo(9007199254740992.0);
    }

    @Test
    @DisplayName("a whole double beyond 2^53 reads back from JSON as the Long of its JavaScript digits, the same double")
    void wholeDoubleBeyondSafeRange() throws Exception {
        ProtocolCodec codec = ProtocolCodec.createDefault();
        double d = 2.85614821996561984E17;
        Envelope sent = new Envelope("u", "/", new BroadcastAck("r", d));
        String json = codec.encodeJson(sent);
        assertThat(json).contains("\"packet\":285614821996562000");
        Object back = ((BroadcastAck) ((InlineNotification) codec.decodeNotification(json, "/")).envelope().message()).packet();
        assertThat(back).isEqualTo(285614821996562000L);
        assertThat(((Long) back).doubleValue()).isEqualTo(d);
    }

    @Test
    @DisplayName("containers are frozen and copied; byte arrays are copied")
    void freezing() {
        byte[] bytes = {1};
        List<Object> list = new ArrayList<>(List.of("a"));
        list.add(bytes);
        List<Object> frozen = Values.freezeList(list);
        list.add("later");
        bytes[0] = 9;
        assertThat(frozen).hasSize(2);
        assertThat((byte[]) frozen.get(1)).containsExactly(1);
        assertThatThrownBy(() -> frozen.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Values.freezeList(frozen)).isSameAs(frozen);
        assertThat(Values.freeze(new Object[] {1, "a"})).isEqualTo(List.of(1, "a"));
    }

    @Test
    @DisplayName("map order is kept; equality ignores it")
    void mapOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("z", 1);
        a.put("a", 2);
        Map<String, Object> frozen = Values.freezeMap(a);
        assertThat(frozen.keySet()).containsExactly("z", "a");
        assertThat(frozen).isEqualTo(Values.freezeMap(new HashMap<>(Map.of("a", 2, "z", 1))));
    }

    @Test
    @DisplayName("equality is deep: binary by content at any depth, numbers by value")
    void deepEquality() {
        Object a = Values.freeze(List.of(Map.of("k", List.of(new byte[] {1, 2}), "n", 1)));
        Object b = Values.freeze(List.of(Map.of("k", List.of(new byte[] {1, 2}), "n", 1.0)));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(Values.deepEquals(new byte[] {1}, new byte[] {1})).isTrue();
        assertThat(Values.deepEquals(1, 1L)).isTrue();
        assertThat(Values.deepEquals(new byte[] {1}, new byte[] {2})).isFalse();
        assertThat(Values.freeze(List.of(new byte[] {1}))).isNotEqualTo(Values.freeze(List.of(new byte[] {2})));
        assertThat(Values.containsBinary(a)).isTrue();
        assertThat(Values.containsBinary(Values.freeze(List.of(Map.of("k", "v"))))).isFalse();
    }

    @Test
    @DisplayName("other types, non-string keys and nesting beyond 100 levels are refused with a clear message")
    void refused() {
        assertThatThrownBy(() -> Values.freeze(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object").hasMessageContaining("convert");
        assertThatThrownBy(() -> Values.freeze(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys must be strings");
        Object deep = "x";
        for (int i = 0; i < Values.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertThat(Values.freeze(deep)).isNotNull();
        Object tooDeep = List.of(deep);
        assertThatThrownBy(() -> Values.freeze(tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than 100");
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThatThrownBy(() -> Values.freeze(self)).isInstanceOf(IllegalArgumentException.class);
    }
}
