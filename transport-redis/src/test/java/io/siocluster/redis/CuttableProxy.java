package io.siocluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of Redis for one node, which a test can cut: {@link #cut()} closes every connection
 * through it and refuses new ones until the returned handle is closed. That is a network outage for this node
 * only; Redis and the other nodes go on. Threads are named {@code tck-proxy-...} (the TCK's M12 ignores them).
 */
final class CuttableProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    /** While set, bytes read are held, not forwarded: a silent network, nothing closed (see {@link #freeze()}). */
    private boolean frozen; // guarded by this; the pumps wait on this while it is set
    private volatile boolean closed;

    CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tck-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cuts every connection and refuses new ones until the handle is closed. */
    AutoCloseable cut() {
        refusing = true;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
        return () -> refusing = false;
    }

    /**
     * Stops forwarding in both directions without closing anything, until the returned handle is closed: a network
     * gone silent (a peer's answers never come), which only a command's time limit can notice.
     */
    AutoCloseable freeze() {
        synchronized (this) {
            frozen = true;
        }
        return () -> {
            synchronized (this) {
                frozen = false;
                notifyAll();
            }
        };
    }

    /** Holds the calling pump until the proxy thaws or closes. */
    private synchronized void holdWhileFrozen() throws InterruptedException {
        while (frozen && !closed) {
            wait();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll(); // frozen pumps end
        }
        closeQuietly(server);
        open.forEach(CuttableProxy::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress("127.0.0.1", targetPort), 2000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    holdWhileFrozen(); // holding what was read, as a stalled network would
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the other side or a cut closed it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tck-proxy-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
