package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("binary a client sends is bounded: attachment count and buffered bytes (EngineIo4ChannelInitializer)")
class BinaryInputLimitsTest {

    /** netty-socketio's default frame limit, which bounds the attachments of one packet here. */
    private static final int LIMIT = 64 * 1024;

    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();
    private SocketIOServer server;

    @BeforeEach
    void start() {
        Configuration config = TestServers.config();
        config.setMaxFramePayloadLength(LIMIT);
        config.setMaxHttpContentLength(LIMIT);
        server = new SocketIOServer(config);
        server.setPipelineFactory(new EngineIo4ChannelInitializer());
        server.addEventListener("up", byte[].class, (client, data, ack) -> received.add(data));
        server.addEventListener("zero", String.class, (client, data, ack) -> received.add("zero:" + data));
        server.addEventListener("after", String.class, (client, data, ack) -> received.add("after:" + data));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        server.stop();
    }

    private RawEngineIo4Client raw() {
        RawEngineIo4Client client = RawEngineIo4Client.connect(server.getConfiguration().getPort());
        clients.add(client);
        return client;
    }

    private void awaitClosed(RawEngineIo4Client client) {
        await().atMost(Duration.ofSeconds(5)).until(() -> client.isDisconnected() && server.getAllClients().isEmpty());
    }

    @Test
    @DisplayName("a huge attachment count closes the connection at once")
    void hugeCount() {
        RawEngineIo4Client client = raw();

        client.text("451000000-[\"up\",{\"_placeholder\":true,\"num\":0}]");

        awaitClosed(client);
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("many small attachment frames close the connection once their bytes pass the limit")
    void manySmallFrames() {
        RawEngineIo4Client client = raw();
        client.text("45500-[\"up\",{\"_placeholder\":true,\"num\":0}]");
        byte[] frame = new byte[1000];
        int sent = 0;

        int pastLimit = LIMIT / frame.length + 2; // the frame after the one whose bytes pass the limit
        while (sent < 499 && client.binary(frame)) {
            sent++;
            if (sent == pastLimit) {
                // On loopback the socket buffers take hundreds of kB before the server's close comes back: wait for
                // it here, so what is measured is the server refusing, not how fast the close travels.
                awaitClosed(client);
            }
        }

        awaitClosed(client);
        assertThat(sent).as("frames sent before the connection closed (the 500th would complete the packet)")
                .isLessThan(499);
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("attachments over the limit together close the connection, though each frame is within it")
    void oversizedAttachments() {
        RawEngineIo4Client client = raw();
        client.text("452-[\"up\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");

        client.binary(new byte[40 * 1024]);
        client.binary(new byte[40 * 1024]);

        awaitClosed(client);
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("an attachment count of 0 is a complete packet and does not swallow the next one")
    void zeroCount() {
        RawEngineIo4Client client = raw();

        client.text("450-[\"zero\",\"a\"]");
        client.text("42[\"after\",\"b\"]");

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).containsExactly("zero:a", "after:b");
        assertThat(client.isDisconnected()).isFalse();
    }

    @Test
    @DisplayName("a Socket.IO client sending binary within the limit still works, over websocket and polling")
    void wellBehavedClient() {
        byte[] bytes = new byte[LIMIT / 2];
        new Random(3).nextBytes(bytes);

        for (String transport : List.of("websocket", "polling")) {
            Socket socket = TestServers.client(server, "", transport);
            clients.add(socket::close);
            socket.emit("up", (Object) bytes);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).allSatisfy(upload -> assertThat(upload).isEqualTo(bytes));
    }
}
