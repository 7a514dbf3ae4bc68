package io.siocluster.spring.internal;

import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.spring.SioClusterConfigurationException;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the clustered {@link SocketIOServer} with the application context (which joins the cluster) and stops it
 * on shutdown (which says goodbye to the peers and closes the transport), late and early respectively, like an
 * embedded web server.
 */
public final class ServerLifecycle implements SmartLifecycle {

    private final SocketIOServer server;
    private final SocketIOCluster cluster;
    private volatile boolean running;

    public ServerLifecycle(SocketIOServer server, SocketIOCluster cluster) {
        this.server = server;
        this.cluster = cluster;
    }

    @Override
    public void start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop(); // releases the event loops the failed start made
            throw e instanceof SioClusterConfigurationException ? e : new IllegalStateException(
                    "the clustered SocketIOServer on port " + server.getConfiguration().getPort() + " did not start: " + e, e);
        }
        running = cluster.isRunning();
    }

    @Override
    public void stop() {
        running = false;
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
