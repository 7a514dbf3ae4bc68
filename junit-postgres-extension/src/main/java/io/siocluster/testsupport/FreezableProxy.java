package io.siocluster.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP proxy that can go silent, like a network path that drops every packet: while frozen it
 * reads but forwards nothing and closes nothing, so a blocked read on either side never returns. Thawing
 * resets the connections that lived through the freeze (as their TCP state would be by then) and forwards
 * new ones normally. It can also play a server that accepts connections and drops each one shortly after
 * ({@link #dropEachConnectionAfter}). Shared by the transport's tests and the reliability suite.
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String jdbcUrl;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch frozen; // non-null while frozen
    private volatile boolean closed;
    private volatile long lifetimeMillis; // > 0: each new connection is closed this long after it was accepted

    /** A proxy in front of {@code db}'s server. */
    public FreezableProxy(PostgresDatabase db) throws IOException {
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = target.getHost();
        this.targetPort = target.getPort();
        this.jdbcUrl = db.jdbcUrl().replace(targetHost + ":" + targetPort, "127.0.0.1:" + server.getLocalPort());
        daemon("proxy-accept", this::acceptLoop);
    }

    /** {@code db}'s JDBC URL, through this proxy. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public void freeze() {
        frozen = new CountDownLatch(1);
    }

    /** From now on every new connection is forwarded for {@code lifetime}, then closed; zero stops this. */
    public void dropEachConnectionAfter(Duration lifetime) {
        lifetimeMillis = lifetime.toMillis();
    }

    public void thaw() {
        CountDownLatch latch = frozen;
        frozen = null;
        dropConnections();
        if (latch != null) {
            latch.countDown();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up", () -> pump(client, upstream));
                daemon("proxy-down", () -> pump(upstream, client));
                long lifetime = lifetimeMillis;
                if (lifetime > 0) {
                    daemon("proxy-drop", () -> dropLater(lifetime, client, upstream));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                CountDownLatch latch = frozen;
                if (latch != null) {
                    latch.await(); // swallow silently until thawed; thaw() closes these sockets
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side closed, or thaw() reset the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void dropLater(long millis, Socket client, Socket upstream) {
        try {
            Thread.sleep(millis); // the proxy's own timer thread, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(upstream);
    }

    /** Closes every connection now open through the proxy, as a server restart would. */
    public void dropConnections() {
        sockets.forEach(FreezableProxy::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, "tck-" + name); // "tck-" marks test infrastructure for thread-leak checks
        thread.setDaemon(true);
        thread.start();
    }
}
