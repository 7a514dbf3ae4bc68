package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOServer;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a packet that cannot be encoded (EngineIo4ChannelInitializer)")
class EncoderFailureTest {

    /** A value Jackson fails on, as a user's object with a broken getter. */
    public static final class Unencodable {
        public String getValue() {
            throw new IllegalStateException("cannot be encoded");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"polling", "websocket"})
    @DisplayName("is dropped alone: the packets sent with it arrive, and no buffer leaks (Netty's PARANOID leak detector)")
    void droppedAlone(String transport) {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        SocketIOServer server = new SocketIOServer(TestServers.config());
        server.setPipelineFactory(new EngineIo4ChannelInitializer());
        // listeners run on the one event loop, so the three packets are queued before the first is written
        server.addEventListener("trigger", String.class, (client, data, ack) -> {
            client.sendEvent("good", 1);
            client.sendEvent("bad", new Unencodable());
            client.sendEvent("good", 2);
        });
        server.start();
        Socket socket = TestServers.client(server, "", transport);
        List<Object> received = new CopyOnWriteArrayList<>();
        socket.on("good", args -> received.add(args[0]));
        try (CapturedLog log = new CapturedLog()) {

            for (int round = 1; round <= 5; round++) {
                int expected = 2 * round;
                socket.emit("trigger", "now");
                await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= expected && received.contains(2));
            }

            // a lost buffer is reported once it was garbage-collected, by the next allocation
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                System.gc();
                PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
                return !log.text().contains("LEAK: ByteBuf.release() was not called");
            });
            assertThat(received).containsExactly(1, 2, 1, 2, 1, 2, 1, 2, 1, 2);
        } finally {
            socket.close();
            server.stop();
            ResourceLeakDetector.setLevel(level);
        }
    }
}
