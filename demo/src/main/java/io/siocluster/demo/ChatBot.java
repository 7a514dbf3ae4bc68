package io.siocluster.demo;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/** A console user: a real Socket.IO client on one node that prints what reaches it from every node. */
final class ChatBot implements AutoCloseable {

    private final String name;
    private final int node;
    private final Socket socket;

    ChatBot(String name, int node, int port, String room) throws InterruptedException {
        this.name = name;
        this.node = node;
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"}).build();
        this.socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        CountDownLatch welcomed = new CountDownLatch(1);
        socket.on("welcome", args -> welcomed.countDown());
        socket.on("chat", args -> print((JSONObject) args[0], true));
        socket.on("system", args -> print((JSONObject) args[0], false));
        socket.connect();
        if (!welcomed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " could not connect to node " + node + " on port " + port);
        }
        socket.emit("join", new JSONObject(Map.of("room", room, "name", name)));
    }

    void say(String text) {
        socket.emit("chat", new JSONObject(Map.of("text", text)));
    }

    private void print(JSONObject message, boolean chat) {
        String line = chat
                ? message.optString("name") + " (node " + message.optInt("node") + "): " + message.optString("text")
                : "* " + message.optString("text");
        System.out.printf("  [%s on node %d] %s%n", name, node, line);
    }

    @Override
    public void close() {
        socket.close();
    }
}
