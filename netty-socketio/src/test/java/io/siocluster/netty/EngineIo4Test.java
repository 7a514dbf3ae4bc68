package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Engine.IO 4 binary, with EngineIo4ChannelInitializer")
class EngineIo4Test {

    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private SocketIOServer server;

    @AfterEach
    void stop() {
        clients.forEach(Socket::close);
        if (server != null) {
            server.stop();
        }
    }

    private void start(boolean withInitializer) {
        Configuration config = TestServers.config();
        server = new SocketIOServer(config);
        if (withInitializer) {
            server.setPipelineFactory(new EngineIo4ChannelInitializer());
        }
        server.start();
    }

    private Socket connect(String transport) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false).setUpgrade(false)
                .setTransports(new String[] {transport}).build();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + server.getConfiguration().getPort()), options);
        clients.add(socket);
        socket.connect();
        await().atMost(Duration.ofSeconds(10)).until(socket::connected);
        return socket;
    }

    @Test
    @DisplayName("a broadcast with binary reaches every local client intact, over websocket and polling")
    void sharedPacketBroadcast() {
        start(true);
        List<Object> received = new CopyOnWriteArrayList<>();
        for (String transport : List.of("websocket", "websocket", "polling", "polling")) {
            connect(transport).on("bin", args -> received.add(args[0]));
        }
        byte[] bytes = {4, 3, 2, 1};

        server.getBroadcastOperations().sendEvent("bin", bytes);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received).allSatisfy(value -> assertThat(value).isEqualTo(bytes));
    }

    @Test
    @DisplayName("binary a client sends reaches a byte[] listener intact, beyond 57 bytes, over websocket and polling")
    void clientBinaryToListener() {
        start(true);
        List<byte[]> uploads = new CopyOnWriteArrayList<>();
        server.addEventListener("upload", byte[].class, (client, data, ack) -> uploads.add(data));
        byte[] bytes = new byte[1000];
        new Random(1).nextBytes(bytes);

        connect("websocket").emit("upload", (Object) bytes);
        connect("polling").emit("upload", (Object) bytes);

        await().atMost(Duration.ofSeconds(5)).until(() -> uploads.size() == 2);
        assertThat(uploads).allSatisfy(upload -> assertThat(upload).isEqualTo(bytes));
    }

    @Test
    @DisplayName("a binary acknowledgement reaches a byte[] callback intact")
    void binaryAckToTypedCallback() {
        start(true);
        byte[] bytes = new byte[200];
        new Random(2).nextBytes(bytes);
        Socket socket = connect("websocket");
        socket.on("give", args -> ((Ack) args[args.length - 1]).call((Object) bytes));
        SocketIOClient client = server.getClient(UUID.fromString(socket.id()));
        List<byte[]> acks = new CopyOnWriteArrayList<>();

        client.sendEvent("give", new AckCallback<>(byte[].class, 5) {
            @Override
            public void onSuccess(byte[] result) {
                acks.add(result);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> acks.size() == 1);
        assertThat(acks.get(0)).isEqualTo(bytes);
    }

    @Test
    @DisplayName("without it, netty-socketio 2.0.14 prefixes binary websocket frames with 0x04 (why it exists)")
    void upstreamDefect() {
        start(false);
        List<Object> received = new CopyOnWriteArrayList<>();
        connect("websocket").on("bin", args -> received.add(args[0]));

        server.getBroadcastOperations().sendEvent("bin", (Object) new byte[] {7});

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received.get(0)).as("if this fails, netty-socketio fixed its encoder: revisit EngineIo4ChannelInitializer")
                .isEqualTo(new byte[] {4, 7});
    }
}
