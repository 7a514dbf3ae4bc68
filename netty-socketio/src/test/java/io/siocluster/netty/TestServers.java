package io.siocluster.netty;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Clustered servers on an in-memory bus, and Socket.IO clients for them. */
final class TestServers {

    private TestServers() {
    }

    static Configuration config() {
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(freePort());
        config.setRandomSession(true);
        config.setBossThreads(1);
        config.setWorkerThreads(1);
        return config;
    }

    static SocketIOServer clustered(InMemoryBus bus, ClusterOptions options) {
        return clustered(bus, options, 1);
    }

    /** A clustered server whose clients are spread over {@code workerThreads} event loops. */
    static SocketIOServer clustered(InMemoryBus bus, ClusterOptions options, int workerThreads) {
        Configuration config = config();
        config.setWorkerThreads(workerThreads);
        SocketIOCluster.attach(config, bus::newTransport, options);
        SocketIOServer server = new SocketIOServer(config);
        server.setPipelineFactory(new EngineIo4ChannelInitializer());
        return server;
    }

    static Socket client(SocketIOServer server, String namespace) {
        return client(server, namespace, "websocket");
    }

    /** A connected client that keeps to one transport ({@code "websocket"} or {@code "polling"}). */
    static Socket client(SocketIOServer server, String namespace, String transport) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false).setUpgrade(false)
                .setTransports(new String[] {transport}).build();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + server.getConfiguration().getPort() + namespace), options);
        socket.connect();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(socket::connected);
        return socket;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
