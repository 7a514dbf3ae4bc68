package io.siocluster.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.PayloadTooLargeException;
import io.siocluster.spi.messaging.MessagingLimits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Messaging limits")
class MessagingLimitsTest {

    @Test
    @DisplayName("UTF-8 length matches Java's encoder for random text, including lone surrogates")
    void utf8LengthMatchesEncoder() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                s.append((char) random.nextInt(0x10000));
            }
            String text = s.toString();
            assertThat(MessagingLimits.utf8Length(text)).as("length of %s", text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    @DisplayName("PostgreSQL's limits: 7999 payload bytes, 63 channel bytes, counted in UTF-8")
    void postgresLimits() {
        MessagingLimits limits = MessagingLimits.POSTGRES;
        limits.checkPayload("é".repeat(3999) + "a");
        assertThatThrownBy(() -> limits.checkPayload("é".repeat(4000)))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("8000");
        limits.checkChannel("é".repeat(31) + "a");
        assertThatThrownBy(() -> limits.checkChannel("é".repeat(32)))
                .isInstanceOf(InvalidChannelNameException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> limits.checkChannel("")).isInstanceOf(InvalidChannelNameException.class);
    }

    @Test
    @DisplayName("a stream entry needs a field, and its names and values together fit maxPayloadBytes in UTF-8")
    void entries() {
        MessagingLimits limits = new MessagingLimits(10, 63);
        limits.checkEntry(Map.of("é", "1234567")); // 2 + 7 bytes
        limits.checkEntry(Map.of("ab", "cd", "ef", "gh", "i", "j")); // 10 bytes
        assertThatThrownBy(() -> limits.checkEntry(Map.of("é", "123456789")))
                .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("11");
        assertThatThrownBy(() -> limits.checkEntry(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
