package io.siocluster.core.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("emitter options")
class EmitterOptionsTest {

    @Test
    @DisplayName("Node's defaults: prefix socket.io, threshold 8000")
    void defaults() {
        EmitterOptions options = EmitterOptions.defaults();
        assertThat(options.channelPrefix()).isEqualTo("socket.io");
        assertThat(options.payloadThreshold()).isEqualTo(8000);
    }

    @Test
    @DisplayName("the channel prefix follows the cluster's rules, the threshold must be positive")
    void validated() {
        assertThatThrownBy(() -> EmitterOptions.builder().channelPrefix("a b")).hasMessageContaining("channelPrefix");
        assertThatThrownBy(() -> EmitterOptions.builder().channelPrefix("p".repeat(62))).hasMessageContaining("channelPrefix");
        assertThatThrownBy(() -> EmitterOptions.builder().payloadThreshold(0)).hasMessageContaining("payloadThreshold");
        EmitterOptions options = EmitterOptions.builder().channelPrefix("app").payloadThreshold(100).build();
        assertThat(options.channelPrefix()).isEqualTo("app");
        assertThat(options.payloadThreshold()).isEqualTo(100);
    }
}
