package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siocluster.core.protocol.Values;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link JsonPlainReader} gives what the tree path it replaced ({@link JsonTrees#toPlain}) gives, placeholders included. */
class JsonPlainReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<byte[]> ATTACHMENTS = List.of(new byte[] {1}, new byte[] {2, 2});

    @ParameterizedTest
    @ValueSource(strings = {
            "null", "\"text\"", "true", "false", "0", "-7", "2147483648", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1.5", "-0.0", "1e400",
            "[]", "{}", "[1,\"a\",null,[true,{\"k\":[]}]]", "{\"a\":1,\"b\":{\"c\":[1.25,\"x\"]},\"a\":2}",
            "{\"_placeholder\":true,\"num\":0}", "{\"num\":1,\"_placeholder\":true}", "{\"_placeholder\":true,\"num\":2}",
            "{\"_placeholder\":true,\"num\":-1}", "{\"_placeholder\":false,\"num\":0}", "{\"_placeholder\":\" true \",\"num\":1}",
            "{\"_placeholder\":\"yes\",\"num\":1}", "{\"_placeholder\":1,\"num\":0}", "{\"_placeholder\":0,\"num\":0}",
            "{\"_placeholder\":0.5,\"num\":0}", "{\"_placeholder\":99999999999999999999,\"num\":0}",
            "{\"_placeholder\":true,\"num\":0.9}", "{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":true,\"num\":null}",
            "{\"_placeholder\":null,\"num\":0}", "{\"_placeholder\":true,\"num\":4294967296}",
            "{\"_placeholder\":true,\"num\":0,\"x\":1}", "{\"_placeholder\":true}", "{\"_placeholder\":[true],\"num\":0}",
            "{\"_placeholder\":true,\"num\":0,\"num\":1}", "[{\"_placeholder\":true,\"num\":1},{\"a\":{\"_placeholder\":true,\"num\":0}}]",
            "\"\\u00e9\\ud83d\\ude00\""
    })
    void sameValuesAsTheTree(String json) throws Exception {
        Object expected = JsonTrees.toPlain(MAPPER.readTree(json), ATTACHMENTS, 0);
        Object actual;
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            actual = JsonPlainReader.read(parser, ATTACHMENTS);
        }
        assertThat(Values.freeze(actual)).isEqualTo(Values.freeze(expected));
    }

    @Test
    void tooDeepFailsAsTheTreeDid() throws Exception {
        String json = "[".repeat(Values.MAX_DEPTH + 2) + "1" + "]".repeat(Values.MAX_DEPTH + 2);
        assertThatThrownBy(() -> JsonTrees.toPlain(MAPPER.readTree(json), ATTACHMENTS, 0))
                .isInstanceOf(IllegalArgumentException.class);
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            assertThatThrownBy(() -> JsonPlainReader.read(parser, ATTACHMENTS)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
