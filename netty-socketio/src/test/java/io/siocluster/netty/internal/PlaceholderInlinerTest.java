package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PlaceholderInliner rewrites Socket.IO's placeholders as base64 text, or declines")
class PlaceholderInlinerTest {

    private static final byte[] ONE = {1, 2, 3};
    private static final byte[] TWO = {(byte) 0xff, 0, 0x7f, 9};

    private static @Nullable String inline(String json, String nsp, @Nullable Long ackId, byte[]... attachments) {
        byte[] out = PlaceholderInliner.inline(json, nsp, ackId, List.of(attachments));
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return '"' + Base64.getEncoder().encodeToString(bytes) + '"';
    }

    @Test
    @DisplayName("placeholders as Socket.IO writes them become base64 strings, in place, in any order and nesting")
    void canonical() {
        assertThat(inline("[\"up\",{\"_placeholder\":true,\"num\":0}]", "", null, ONE))
                .isEqualTo("42[\"up\"," + b64(ONE) + "]");
        assertThat(inline("[\"up\",{\"a\":{\"_placeholder\":true,\"num\":1},\"é\":[{\"_placeholder\":true,\"num\":0}]}]",
                "/chat", 12L, ONE, TWO))
                .isEqualTo("42/chat,12[\"up\",{\"a\":" + b64(TWO) + ",\"é\":[" + b64(ONE) + "]}]");
        assertThat(inline("[\"none\",1]", "", null)).isEqualTo("42[\"none\",1]");
    }

    @Test
    @DisplayName("the same attachment may be referenced twice, and an empty one is an empty string")
    void reusedAndEmpty() {
        assertThat(inline("[\"e\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]", "", null, new byte[0]))
                .isEqualTo("42[\"e\",\"\",\"\"]");
    }

    @Test
    @DisplayName("any other spelling of a placeholder is left to the tree path")
    void declines() {
        assertThat(inline("[\"e\",{\"num\":0,\"_placeholder\":true}]", "", null, ONE)).isNull();
        assertThat(inline("[\"e\",{\"_placeholder\": true, \"num\": 0}]", "", null, ONE)).isNull();
        assertThat(inline("[\"e\",{\"\\u005fplaceholder\":true,\"num\":0}]", "", null, ONE)).isNull();
        assertThat(inline("[\"e\",{\"_placeholder\":true,\"num\":1}]", "", null, ONE)).as("out of range").isNull();
        assertThat(inline("[\"e\",{\"_placeholder\":true,\"num\":0,\"x\":1}]", "", null, ONE)).as("a third key").isNull();
        assertThat(inline("[\"e\",{\"_placeholder\":true,\"num\":00}]", "", null, ONE)).isNull();
        assertThat(inline("[\"e\",\"{\\\"_placeholder\\\":true,\\\"num\\\":0}\"]", "", null, ONE))
                .as("the key inside a string value").isNull();
    }
}
