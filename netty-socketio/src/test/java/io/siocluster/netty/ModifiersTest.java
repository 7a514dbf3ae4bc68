package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.spi.Transport;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("volatile and compress: on the wire both ways, and volatile honoured on delivery")
class ModifiersTest {

    private final InMemoryBus bus = InMemoryBus.create();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private Transport observer;
    private SocketIOServer server;
    private Socket client;
    private SlowClient slow;

    @BeforeEach
    void start() {
        observer = bus.newTransport();
        observer.messaging().subscribe("socket.io#/", (channel, payload) -> published.add(payload))
                .ready().toCompletableFuture().join();
        Configuration config = TestServers.config();
        // a small fixed send buffer: the kernel cannot absorb what a stalled client does not read
        config.getSocketConfig().setTcpSendBufferSize(8192);
        SocketIOCluster.attach(config, bus::newTransport, ClusterOptions.defaults());
        server = new SocketIOServer(config);
        server.setPipelineFactory(new EngineIo4ChannelInitializer());
        server.start();
        SocketIOCluster.of(server).of("/").ready().toCompletableFuture().join();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (slow != null) {
            slow.close();
        }
        server.stop();
        observer.close();
    }

    @Test
    @DisplayName("the modifiers travel in the BROADCAST flags, in the order they were set")
    void flagsOnTheWire() {
        SocketIOCluster.of(server).of("/").asVolatile().compress(false).emit("e", 1).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> published.stream().anyMatch(p -> p.contains("\"e\"")));
        assertThat(published).filteredOn(p -> p.contains("\"e\""))
                .singleElement().asString().contains("\"flags\":{\"volatile\":true,\"compress\":false}");
    }

    @Test
    @DisplayName("a volatile BROADCAST from another node is dropped for a client that cannot take it, sent to others")
    void volatileFromTheWireIsHonoured() throws Exception {
        client = TestServers.client(server, "/");
        List<String> fast = new CopyOnWriteArrayList<>();
        client.on("v", args -> fast.add("v"));
        SocketIOClient stalled = stalledClient();

        observer.messaging().publish("socket.io#/", "{\"uid\":\"node-b\",\"type\":3,\"data\":{\"packet\":{\"type\":2,"
                + "\"data\":[\"v\",1]},\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{\"volatile\":true}}},"
                + "\"nsp\":\"/\"}").toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() == 1);
        assertThat(stalled.isWritable()).as("the slow client is still stalled").isFalse();
        stalled.sendEvent("after", 2);
        slow.readUntil("\"after\"");

        assertThat(slow.texts()).as("the stalled client never gets the volatile event")
                .noneMatch(t -> t.startsWith("42[\"v\""));
    }

    @Test
    @DisplayName("a volatile emitWithAck does not wait for a client it dropped")
    void volatileWithAckSkipsTheDropped() throws Exception {
        client = TestServers.client(server, "/");
        client.on("q", args -> ((io.socket.client.Ack) args[args.length - 1]).call("ok"));
        stalledClient();

        List<Object> acks = SocketIOCluster.of(server).of("/").asVolatile().timeout(Duration.ofSeconds(3))
                .emitWithAck("q").toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(acks).as("the writable client's answer, and no wait for the stalled one").containsExactly("ok");
    }

    /** A client that reads nothing: once the server's socket buffers are full, its channel is not writable. */
    private SocketIOClient stalledClient() throws java.io.IOException {
        slow = SlowClient.connect(server);
        SocketIOClient stalled = server.getClient(UUID.fromString(slow.sid()));
        String big = "x".repeat(256 * 1024);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            stalled.sendEvent("fill", big);
            return !stalled.isWritable();
        });
        return stalled;
    }

    /**
     * An Engine.IO 4 websocket client over a plain socket that reads only when told to, so that its server-side
     * channel fills up (an HTTP client library keeps reading into its own buffers).
     */
    private static final class SlowClient implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.DataInputStream in;
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private String sid;

        private SlowClient(java.net.Socket socket) throws java.io.IOException {
            this.socket = socket;
            this.in = new java.io.DataInputStream(socket.getInputStream());
        }

        static SlowClient connect(SocketIOServer server) throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout(30_000);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.getConfiguration().getPort()));
            SlowClient client = new SlowClient(socket);
            String key = java.util.Base64.getEncoder().encodeToString(new byte[16]);
            socket.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.skipHeaders();
            assertThat(client.readText()).startsWith("0{");
            client.sendText("40");
            String connected = client.readText();
            assertThat(connected).startsWith("40{");
            client.sid = connected.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
            return client;
        }

        String sid() {
            return sid;
        }

        List<String> texts() {
            return texts;
        }

        /** Reads every frame until {@code last} is among them. */
        void readUntil(String last) throws java.io.IOException {
            while (texts.stream().noneMatch(t -> t.contains(last))) {
                readText();
            }
        }

        private void skipHeaders() throws java.io.IOException {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new java.io.EOFException("no handshake response");
                }
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : 0;
            }
        }

        private String readText() throws java.io.IOException {
            int opcode = in.readUnsignedByte() & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
            if (opcode == 1) {
                texts.add(text);
            }
            return text;
        }

        private void sendText(String text) throws java.io.IOException {
            byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] frame = new byte[2 + 4 + payload.length]; // short text, zero mask: the payload goes as it is
            frame[0] = (byte) 0x81;
            frame[1] = (byte) (0x80 | payload.length);
            System.arraycopy(payload, 0, frame, 6, payload.length);
            socket.getOutputStream().write(frame);
            socket.getOutputStream().flush();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }
}
