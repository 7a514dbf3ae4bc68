package io.siocluster.netty;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client that speaks Engine.IO 4 over a plain WebSocket, frame by frame, so a test can send what no Socket.IO
 * client would: hostile attachment counts, malformed packets.
 */
final class RawEngineIo4Client implements AutoCloseable {

    private final WebSocket socket;
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RawEngineIo4Client(int port) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    texts.add(text);
                    if (text.equals("2")) {
                        webSocket.sendText("3", true); // answer the server's ping
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.set(true);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.set(true);
            }
        };
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), listener)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Opens the Engine.IO session and joins the default namespace. */
    static RawEngineIo4Client connect(int port) {
        RawEngineIo4Client client = new RawEngineIo4Client(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.texts.stream().anyMatch(t -> t.startsWith("0{")));
        client.text("40");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.texts.stream().anyMatch(t -> t.startsWith("40")));
        return client;
    }

    /** Sends one text frame; false when the connection is already gone. */
    boolean text(String text) {
        return send(() -> socket.sendText(text, true));
    }

    /** Sends one binary frame; false when the connection is already gone. */
    boolean binary(byte[] bytes) {
        return send(() -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    private boolean send(java.util.function.Supplier<CompletionStage<WebSocket>> sending) {
        if (closed.get() || socket.isOutputClosed()) {
            return false;
        }
        try {
            sending.get().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            closed.set(true);
            return false;
        }
    }

    /**
     * Whether the server ended the session: it sent a Socket.IO disconnect ({@code 41}) or closed the connection
     * (the JDK client does not always notice a close that races its own sending, hence both).
     */
    boolean isDisconnected() {
        return closed.get() || socket.isInputClosed() || texts.contains("41");
    }

    @Override
    public void close() {
        socket.abort();
    }
}
