package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit's own generator: rule C18 counts on every payload it makes being refused. */
class MalformedPayloadsTest {

    @Test
    @DisplayName("every generated payload is refused by the codec and fits the transports' payload limit")
    void everyPayloadIsMalformed() {
        ProtocolCodec codec = ProtocolCodec.createDefault();
        List<String> accepted = new ArrayList<>();
        List<String> payloads = MalformedPayloads.generate(5_000, 7);
        for (String payload : payloads) {
            assertThat(MessagingLimits.utf8Length(payload)).isLessThan(MessagingLimits.POSTGRES.maxPayloadBytes());
            assertThat(payload).doesNotContain("\u0000");
            try {
                codec.decodeNotification(payload, "/");
                accepted.add(payload);
            } catch (MessageDecodeException expected) {
                // refused, as it must be
            }
        }
        assertThat(accepted).as("payloads the codec accepted").isEmpty();
        assertThat(new HashSet<>(payloads)).as("the generator varies its payloads").hasSizeGreaterThan(payloads.size() / 2);
    }
}
