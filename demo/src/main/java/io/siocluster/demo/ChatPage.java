package io.siocluster.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serves the chat page and everything it loads from the class path on 127.0.0.1 (netty-socketio serves only
 * the Socket.IO endpoint), so the page works offline. Its Content-Security-Policy lets the browser load
 * nothing from anywhere else and connect only to 127.0.0.1.
 */
final class ChatPage implements AutoCloseable {

    /** The Socket.IO browser client, copied from the npm package (see resources demo/vendor/SOURCE.txt). */
    static final String BROWSER_CLIENT = "vendor/socket.io-4.8.4.min.js";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws://127.0.0.1:* "
            + "http://127.0.0.1:*; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private final HttpServer http;
    private final Map<String, byte[]> files;

    /** Serves on {@code port} (0: any free port, see {@link #port()}) a page that connects to {@code nodePorts}. */
    ChatPage(int port, List<Integer> nodePorts) throws IOException {
        String ports = nodePorts.stream().map(String::valueOf).collect(Collectors.joining(","));
        this.files = Map.of(
                "/", new String(resource("index.html"), StandardCharsets.UTF_8).replace("__PORTS__", ports)
                        .getBytes(StandardCharsets.UTF_8),
                "/chat.css", resource("chat.css"),
                "/chat.js", resource("chat.js"),
                "/" + BROWSER_CLIENT, resource(BROWSER_CLIENT));
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/", this::serve);
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path);
            if (body == null || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = path.equals("/") ? "index.html" : path;
            exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            exchange.getResponseHeaders().add("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** A file of demo/ on the class path. */
    static byte[] resource(String name) {
        try (InputStream in = ChatPage.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo/" + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
