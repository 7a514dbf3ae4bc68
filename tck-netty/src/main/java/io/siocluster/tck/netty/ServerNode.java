package io.siocluster.tck.netty;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.NamespaceOperator;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** One netty-socketio server on a free port of 127.0.0.1, clustered through the transport under test. */
public final class ServerNode {

    private final String name;
    private final SocketIOServer server;
    private final SocketIOCluster cluster;
    private final int port;
    private volatile boolean running;

    ServerNode(String name, TransportOptions transportOptions, ClusterOptions clusterOptions) {
        this.name = name;
        this.port = freePort();
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(port);
        config.setRandomSession(true);
        config.setBossThreads(1);
        config.setWorkerThreads(2);
        config.setMaxFramePayloadLength(4 * 1024 * 1024);
        config.setMaxHttpContentLength(4 * 1024 * 1024);
        this.cluster = SocketIOCluster.attach(config, () -> Transports.create(transportOptions), clusterOptions);
        this.server = new SocketIOServer(config);
        this.server.setPipelineFactory(new EngineIo4ChannelInitializer());
    }

    void start() {
        server.start();
        running = true;
    }

    /** Stops the server (and so leaves the cluster); idempotent. */
    public void stop() {
        if (running) {
            running = false;
            server.stop();
        }
    }

    public String name() {
        return name;
    }

    public SocketIOServer server() {
        return server;
    }

    public SocketIOCluster cluster() {
        return cluster;
    }

    public NamespaceOperator of(String namespace) {
        return cluster.of(namespace);
    }

    public String url(String namespace) {
        return "http://127.0.0.1:" + port + namespace;
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public String toString() {
        return name + " (port " + port + ")";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
