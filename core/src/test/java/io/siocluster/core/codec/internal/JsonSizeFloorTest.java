package io.siocluster.core.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.testing.RandomMessages;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the floor on a message's JSON length")
class JsonSizeFloorTest {

    @Test
    @DisplayName("is never above the UTF-8 length of the JSON written, for random messages of every type")
    void neverAboveTheJson() {
        for (long seed : new long[] {1, 2, 3}) {
            RandomMessages messages = new RandomMessages(seed, false);
            for (int i = 0; i < 500; i++) {
                Envelope envelope = messages.envelope();
                Map<String, Object> tree = EnvelopeTreeWriter.tree(envelope);
                int json = MessagingLimits.utf8Length(JsonTextWriter.write(tree));
                assertThat(JsonSizeFloor.atLeast(tree, Long.MAX_VALUE)).as("seed %d message %d", seed, i).isLessThanOrEqualTo(json);
            }
        }
    }

    @Test
    @DisplayName("is exact for ASCII text without escapes, and reaches the cap at the first value that reaches it")
    void exactForPlainAscii() {
        Object value = Map.of("k", Arrays.asList("abc", 1, null, true, List.of()));
        assertThat(JsonSizeFloor.atLeast(value, Long.MAX_VALUE)).isEqualTo(JsonTextWriter.write(value).length());
        assertThat(JsonSizeFloor.atLeast(List.of("x".repeat(100), "y".repeat(1_000_000)), 50))
                .as("brackets, a comma and the first string: the second is not walked").isEqualTo(105);
        assertThat(JsonSizeFloor.atLeast("é\uD83D\uDE00\"\n", Long.MAX_VALUE))
                .isLessThan(MessagingLimits.utf8Length(JsonTextWriter.write("é\uD83D\uDE00\"\n")));
    }
}
