package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.store.MemoryStoreFactory;
import com.corundumstudio.socketio.store.pubsub.DispatchMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubListener;
import com.corundumstudio.socketio.store.pubsub.PubSubMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubStore;
import com.corundumstudio.socketio.store.pubsub.PubSubType;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins what the drop-in path relies on in netty-socketio (2.0.14), without the cluster: if an upgrade changes
 * one of these, {@code DispatchForwarder} must change with it, or remote clients would no longer receive what
 * local ones do.
 */
@DisplayName("netty-socketio's broadcasts as the drop-in path relies on them")
class NettySocketIoContractTest {

    private final List<DispatchMessage> dispatches = new CopyOnWriteArrayList<>();
    private SocketIOServer server;
    private Socket client;

    @BeforeEach
    void start() {
        Configuration config = TestServers.config();
        config.setStoreFactory(new RecordingStoreFactory());
        server = new SocketIOServer(config);
        server.addEventListener("join", String.class, (socket, room, ack) -> {
            socket.joinRoom(room);
            ack.sendAckData(room);
        });
        server.start();
        client = TestServers.client(server, "");
        List<Object> joined = new CopyOnWriteArrayList<>();
        client.emit("join", new Object[] {"a"}, answer -> joined.add(answer[0]));
        client.emit("join", new Object[] {"b"}, answer -> joined.add(answer[0]));
        await().atMost(Duration.ofSeconds(5)).until(() -> joined.size() == 2);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    @DisplayName("getRoomOperations(a, b).sendEvent: a client in both rooms receives it twice, one DISPATCH per room")
    void multiRoomIsOnePerRoom() {
        List<Object> got = new CopyOnWriteArrayList<>();
        client.on("multi", args -> got.add(args[0]));

        server.getRoomOperations("a", "b").sendEvent("multi", "x");

        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        assertThat(dispatches).extracting(DispatchMessage::getRoom).containsExactly("a", "b");
        assertThat(dispatches).allSatisfy(d -> {
            assertThat(d.getNamespace()).isEqualTo("");
            assertThat(d.getPacket().getName()).isEqualTo("multi");
            assertThat(d.getPacket().<List<Object>>getData()).containsExactly("x");
        });
        // no per-call marker: each room gets its own packet, so a DISPATCH cannot tell one call from two
        assertThat(dispatches.get(0).getPacket()).isNotSameAs(dispatches.get(1).getPacket());
    }

    @Test
    @DisplayName("a namespace-wide sendEvent dispatches the room named after the namespace")
    void namespaceWideNamesTheNamespace() {
        server.getNamespace("").getBroadcastOperations().sendEvent("all", 1);

        assertThat(dispatches).extracting(DispatchMessage::getRoom).containsExactly("");
    }

    /** netty-socketio's in-memory store factory, recording what its broadcasts publish. */
    private final class RecordingStoreFactory extends MemoryStoreFactory {

        private final PubSubStore recording = new PubSubStore() {
            @Override
            public void publish(PubSubType type, PubSubMessage msg) {
                if (type == PubSubType.DISPATCH) {
                    dispatches.add((DispatchMessage) msg);
                }
            }

            @Override
            public <T extends PubSubMessage> void subscribe(PubSubType type, PubSubListener<T> listener, Class<T> clazz) {
                // nothing is published by other nodes here
            }

            @Override
            public void unsubscribe(PubSubType type) {
                // nothing subscribed
            }

            @Override
            public void shutdown() {
                // nothing to release
            }
        };

        @Override
        public PubSubStore pubSubStore() {
            return recording;
        }
    }
}
