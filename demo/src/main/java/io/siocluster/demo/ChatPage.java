package io.siocluster.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Serves the chat page on 127.0.0.1 (netty-socketio serves only the Socket.IO endpoint). */
final class ChatPage implements AutoCloseable {

    private final HttpServer http;

    ChatPage(int port, List<Integer> nodePorts) throws IOException {
        byte[] page = page(nodePorts);
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
    }

    private static byte[] page(List<Integer> nodePorts) {
        try (InputStream in = ChatPage.class.getResourceAsStream("/demo/index.html")) {
            if (in == null) {
                throw new IllegalStateException("demo/index.html is missing from the class path");
            }
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String ports = nodePorts.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
            return html.replace("__PORTS__", ports).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
