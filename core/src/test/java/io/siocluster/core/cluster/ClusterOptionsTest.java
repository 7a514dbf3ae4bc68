package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad configuration fails when the options are built, naming the option, before any connection is opened. */
@DisplayName("cluster options")
class ClusterOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\"b", "it's", "semi;colon", "", "tab\there", "é"})
    @DisplayName("a channel prefix outside the transport's alphabet is refused when set")
    void prefixAlphabet(String prefix) {
        assertThatThrownBy(() -> ClusterOptions.builder().channelPrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channelPrefix");
    }

    @Test
    @DisplayName("a channel prefix too long for a PostgreSQL channel is refused when set, not when a namespace opens")
    void prefixLength() {
        assertThatThrownBy(() -> ClusterOptions.builder().channelPrefix("p".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channelPrefix").hasMessageContaining("62 bytes");
        assertThat(ClusterOptions.builder().channelPrefix("p".repeat(61)).build().channelPrefix()).hasSize(61);
    }

    @Test
    @DisplayName("the prefixes Node and the tests use are accepted")
    void usualPrefixes() {
        for (String prefix : new String[] {"socket.io", "my-app_1", "tck3f2a9c", "a#b/c:d"}) {
            assertThat(ClusterOptions.builder().channelPrefix(prefix).build().channelPrefix()).isEqualTo(prefix);
        }
    }

    @Test
    @DisplayName("durations, threshold and uid are checked")
    void otherOptions() {
        assertThatThrownBy(() -> ClusterOptions.builder().discoveryWindow(Duration.ofMillis(-1)))
                .hasMessageContaining("discoveryWindow");
        assertThatThrownBy(() -> ClusterOptions.builder().requestsTimeout(Duration.ZERO)).hasMessageContaining("requestsTimeout");
        assertThatThrownBy(() -> ClusterOptions.builder().payloadThreshold(0)).hasMessageContaining("payloadThreshold");
        assertThatThrownBy(() -> ClusterOptions.builder().uid("emitter")).hasMessageContaining("uid");
        assertThatThrownBy(() -> ClusterOptions.builder().heartbeatInterval(Duration.ofSeconds(10))
                .heartbeatTimeout(Duration.ofSeconds(10)).build()).hasMessageContaining("heartbeatTimeout");
        assertThat(ClusterOptions.builder().discoveryWindow(Duration.ZERO).build().discoveryWindow()).isZero();
    }
}
