package io.siocluster.reliability;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.spi.TransportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A real netty-socketio server on a free port of 127.0.0.1, clustered with {@link SocketIOCluster#attach}. */
final class ClusteredServer implements AutoCloseable {

    private final SocketIOServer server;
    private final SocketIOCluster cluster;
    private final int port;

    ClusteredServer(TransportOptions transport, ClusterOptions options) {
        this.port = freePort();
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(port);
        config.setRandomSession(true);
        config.setBossThreads(1);
        config.setWorkerThreads(2);
        this.cluster = SocketIOCluster.attach(config, transport, options);
        this.server = new SocketIOServer(config);
        this.server.setPipelineFactory(new EngineIo4ChannelInitializer());
        this.server.start();
    }

    SocketIOServer server() {
        return server;
    }

    /** The cluster node the server runs while started. */
    ClusterNode node() {
        return cluster.node().orElseThrow();
    }

    /** The default namespace's cluster side. */
    ClusterNamespace defaultNamespace() {
        return node().existingNamespace("/").orElseThrow();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
