package io.siocluster.reliability;

import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real Socket.IO client ({@code io.socket:socket.io-client}, websocket) that counts the events it receives, by name. */
final class CountingClient implements AutoCloseable {

    private final Socket socket;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private CountingClient(Socket socket) {
        this.socket = socket;
        socket.onAnyIncoming(args -> {
            if (args.length > 0 && args[0] instanceof String event) {
                counts.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
            }
        });
    }

    /** Connects to {@code url} over websocket and waits (10 s at most) until connected. */
    static CountingClient connect(String url) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {"websocket"}).setUpgrade(false).build();
        CountingClient client = new CountingClient(IO.socket(URI.create(url), options));
        client.socket.connect();
        await("a client connects to " + url).atMost(Duration.ofSeconds(10)).until(client.socket::connected);
        return client;
    }

    int count(String event) {
        AtomicInteger count = counts.get(event);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        socket.close();
    }
}
