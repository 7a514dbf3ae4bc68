package io.siocluster.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.messaging.MessagingLimits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("channel names")
class ChannelNamesTest {

    @Test
    @DisplayName("<prefix>#<namespace>, netty-socketio's \"\" being \"/\" on the wire")
    void naming() {
        assertThat(ChannelNames.channel(ChannelNames.DEFAULT_PREFIX, "")).isEqualTo("socket.io#/");
        assertThat(ChannelNames.channel("socket.io", "/")).isEqualTo("socket.io#/");
        assertThat(ChannelNames.channel("socket.io", "/chat")).isEqualTo("socket.io#/chat");
        assertThat(ChannelNames.channel("app", "chat")).isEqualTo("app#/chat");
        assertThat(ChannelNames.wireNamespace("")).isEqualTo("/");
        assertThatThrownBy(() -> ChannelNames.channel("", "/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the namespace back from a channel name")
    void namespaceOf() {
        assertThat(ChannelNames.namespaceOf("socket.io", "socket.io#/chat")).contains("/chat");
        assertThat(ChannelNames.namespaceOf("socket.io", "socket.io#/")).contains("/");
        assertThat(ChannelNames.namespaceOf("socket.io", "other#/")).isEmpty();
        assertThat(ChannelNames.namespaceOf("socket.io", "socket.io#")).isEmpty();
        assertThat(ChannelNames.namespaceOf("socket.io", "socket.iox/")).isEmpty();
    }

    @Test
    @DisplayName("a channel of 64 UTF-8 bytes or more is refused for PostgreSQL with a clear error; 63 is fine")
    void limit() {
        String ns63 = "/" + "n".repeat(63 - "socket.io#/".length());
        assertThat(ChannelNames.channel("socket.io", ns63, MessagingLimits.POSTGRES)).hasSize(63);
        String ns64 = ns63 + "n";
        assertThatThrownBy(() -> ChannelNames.channel("socket.io", ns64, MessagingLimits.POSTGRES))
                .isInstanceOf(InvalidChannelNameException.class)
                .hasMessageContaining("64 UTF-8 bytes").hasMessageContaining("at most 63");
        String multibyte = "/" + "\u00e9".repeat(27); // 55 bytes + "socket.io#" = 65
        assertThatThrownBy(() -> ChannelNames.channel("socket.io", multibyte, MessagingLimits.POSTGRES))
                .isInstanceOf(InvalidChannelNameException.class);
    }
}
