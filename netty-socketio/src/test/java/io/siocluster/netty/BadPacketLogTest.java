package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.netty.internal.ThrottledExceptionListener;
import io.siocluster.netty.internal.ThrottledExceptionListener.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("bad packets from clients are counted and logged briefly, throttled, without their payload")
class BadPacketLogTest {

    private static final String SECRET = "SECRET-PAYLOAD";

    /** Malformed packets, each with text that must never reach the log. */
    private static final List<String> BAD = List.of(
            "42[\"ev\",\"" + SECRET,                          // truncated JSON
            "42{\"" + SECRET + "\":1}",                       // not an array
            "42[1,\"" + SECRET + "\"]",                       // no event name
            "4X" + SECRET,                                    // unknown Socket.IO type
            "9" + SECRET,                                     // unknown Engine.IO type
            "43" + SECRET + "[1]",                            // garbage ack id
            "42/" + SECRET + "[\"ev\"]",                      // namespace without a comma
            "45x-[\"" + SECRET + "\"]",                       // bad attachment count
            "40\"" + SECRET + "\"",                           // connect data not an object
            "42[\"ev\",\"" + SECRET.repeat(700));             // 10 kB, unterminated

    @Test
    @DisplayName("10 bad packets from real connections: each client disconnected, all counted, at most 3 short lines")
    void badPackets() {
        SocketIOServer server = TestServers.clustered(InMemoryBus.create(), ClusterOptions.defaults());
        server.start();
        int port = server.getConfiguration().getPort();
        ThrottledExceptionListener listener = (ThrottledExceptionListener) server.getConfiguration().getExceptionListener();
        try (CapturedLog log = new CapturedLog()) {
            for (String packet : BAD) {
                try (RawEngineIo4Client client = RawEngineIo4Client.connect(port)) {
                    client.text(packet);
                    await().atMost(Duration.ofSeconds(5)).until(client::isDisconnected);
                }
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.count(Kind.BAD_PACKET) == BAD.size());
            assertThat(log.text()).doesNotContain(SECRET);
            List<String> warnings = log.lines().stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat ")).toList();
            assertThat(warnings).hasSize(3).allSatisfy(line -> assertThat(line).hasSizeLessThan(300)
                    .contains("WARN", "refused a packet from Socket.IO client"));
        } finally {
            server.stop();
        }
    }
}
