package io.siocluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Redis the tests use: {@code SIO_REDIS_URL} when set, else the machine's Redis on 127.0.0.1:6379 when it
 * answers, else a {@code redis-server} from the PATH started for this JVM (so {@code mvn verify} passes on a
 * machine with only a JDK, Maven and Redis installed). Tests that stop or restart Redis always start a
 * private one with {@link #startPrivate(boolean)}, never touching the shared one.
 */
public final class RedisServer implements AutoCloseable {

    private static String sharedUrl;

    private final int port;
    private final Path dir;
    private final boolean persistent;
    private Process process;

    private RedisServer(int port, Path dir, boolean persistent) {
        this.port = port;
        this.dir = dir;
        this.persistent = persistent;
    }

    /** The URL of the Redis shared by the tests of this JVM. */
    public static synchronized String sharedUrl() {
        if (sharedUrl == null) {
            String env = System.getenv("SIO_REDIS_URL");
            if (env != null && !env.isBlank()) {
                sharedUrl = env;
            } else if (answers(6379)) {
                sharedUrl = "redis://127.0.0.1:6379";
            } else {
                RedisServer own = startPrivate(false);
                Runtime.getRuntime().addShutdownHook(new Thread(own::close));
                sharedUrl = own.url();
            }
        }
        return sharedUrl;
    }

    /**
     * A {@code redis-server} of this test's own on a free port. {@code persistent}: an append-only file
     * synced on every write, so a restart keeps every stream entry.
     */
    public static RedisServer startPrivate(boolean persistent) {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("sio-redis-"), persistent);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (is it on the PATH?)", e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void start() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString(), "--daemonize", "no"));
        command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "always")
                : List.of("--appendonly", "no"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server on port " + port + " did not start; see " + dir.resolve("redis.log"));
            }
            Thread.onSpinWait();
        }
    }

    /** Stops the server: {@code SHUTDOWN} (which writes the append-only file) when persistent, else a kill. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        if (persistent) {
            command("SHUTDOWN");
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Sends one inline command and returns the first reply line, or the failure's text. */
    public String command(String inline) {
        return command(port, inline);
    }

    static String command(int port, String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().trim();
        } catch (IOException e) {
            return "-" + e;
        }
    }

    private static boolean answers(int port) {
        return command(port, "PING").equals("+PONG");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
