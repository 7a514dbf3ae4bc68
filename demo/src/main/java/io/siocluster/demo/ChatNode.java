package io.siocluster.demo;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.RemoteSocket;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.postgres.PostgresTransport;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat server: a plain netty-socketio server made clustered by one line ({@link SocketIOCluster#attach}).
 * Its handlers are ordinary netty-socketio code: {@code getRoomOperations(room).sendEvent(...)} reaches the
 * room's clients on every node. The cluster API does what netty-socketio cannot: {@code who} lists every
 * node's users with {@code fetchSockets()}, and {@code presence} tells every page on every node to ask again.
 *
 * <p>Events from a page: {@code join {room, name}} (one room at a time, from {@link #ROOMS}), {@code chat
 * {text}}, {@code who} (acknowledged with the users online). Events to a page: {@code welcome {node, rooms}},
 * {@code chat {name, text, room, node, from}}, {@code system {text}}, {@code presence}.
 */
final class ChatNode implements AutoCloseable {

    /** The rooms a user may join; every user starts in the first. */
    static final List<String> ROOMS = List.of("lobby", "java", "nodejs", "random");

    private static final Logger LOG = LoggerFactory.getLogger(ChatNode.class);
    private static final int MAX_NAME = 24;
    private static final int MAX_TEXT = 500;

    private final int index;
    private final HikariDataSource pool;
    private final SocketIOServer server;
    private final SocketIOCluster cluster;

    ChatNode(int index, int port, String jdbcUrl) {
        this.index = index;
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setJdbcUrl(jdbcUrl);
        poolConfig.setMaximumPoolSize(4);
        poolConfig.setPoolName("demo-node-" + index);
        this.pool = new HikariDataSource(poolConfig);

        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(port);
        config.setRandomSession(true);
        config.getSocketConfig().setReuseAddress(true); // a demo restarted at once gets its ports back
        // netty-socketio answers an acknowledgement itself, empty, when the listener returns without one; "who"
        // answers later, once every node has replied to fetchSockets, so acknowledgements are sent by hand.
        config.setAckMode(AckMode.MANUAL);
        this.cluster = SocketIOCluster.attach(config, () -> PostgresTransport.create(pool));
        this.server = new SocketIOServer(config);
        server.setPipelineFactory(new EngineIo4ChannelInitializer()); // Socket.IO v4 clients get binary right

        server.addConnectListener(client -> client.sendEvent("welcome", Map.of("node", index, "rooms", ROOMS)));
        server.addEventListener("join", Map.class, (client, data, ack) -> join(client, data));
        server.addEventListener("chat", Map.class, (client, data, ack) -> chat(client, data));
        server.addEventListener("who", Map.class, (client, data, ack) -> who(ack));
        server.addDisconnectListener(this::left);
        server.start();
        LOG.info("node {} listening on 127.0.0.1:{}", index, port);
    }

    private void join(SocketIOClient client, Map<?, ?> data) {
        String room = String.valueOf(data.get("room"));
        if (!ROOMS.contains(room)) {
            client.sendEvent("system", Map.of("text", "there is no room '" + clip(room, MAX_NAME) + "'"));
            return;
        }
        String name = clip(Objects.toString(data.get("name"), "").strip(), MAX_NAME);
        if (name.isEmpty()) {
            name = "guest";
        }
        String previous = client.get("room");
        if (previous != null && !previous.equals(room)) {
            client.leaveRoom(previous);
            server.getRoomOperations(previous).sendEvent("system", Map.of("text", name + " left #" + previous));
        }
        client.joinRoom(room);
        client.set("room", room);
        client.set("name", name);
        cluster.setSocketData(client, Map.of("name", name, "node", index)); // what fetchSockets() reports
        server.getRoomOperations(room).sendEvent("system",
                Map.of("text", name + " joined #" + room + " on node " + index));
        presenceChanged();
    }

    private void chat(SocketIOClient client, Map<?, ?> data) {
        String room = client.get("room");
        String text = clip(Objects.toString(data.get("text"), "").strip(), MAX_TEXT);
        if (room == null || text.isEmpty()) {
            return;
        }
        // Drop-in: unchanged netty-socketio code, now cluster-wide.
        server.getRoomOperations(room).sendEvent("chat", Map.of("name", Objects.toString(client.get("name"), "?"),
                "text", text, "room", room, "node", index, "from", client.getSessionId().toString()));
    }

    private void who(AckRequest ack) {
        cluster.of("/").fetchSockets().thenAccept(sockets -> ack.sendAckData(describe(sockets)));
    }

    private void left(SocketIOClient client) {
        String room = client.get("room");
        if (room != null) {
            server.getRoomOperations(room).sendEvent("system", Map.of("text", client.get("name") + " went offline"));
            presenceChanged();
        }
    }

    /** Every page on every node asks {@code who} again (the cluster API's emit; the drop-in would do too). */
    private void presenceChanged() {
        cluster.of("/").emit("presence");
    }

    /** The users online: name, node and room of every socket that joined, on every node, sorted by name. */
    private static List<Map<String, Object>> describe(List<RemoteSocket> sockets) {
        return sockets.stream()
                .filter(s -> s.data() instanceof Map<?, ?>)
                .map(s -> {
                    Map<?, ?> data = (Map<?, ?>) s.data();
                    Map<String, Object> user = new LinkedHashMap<>();
                    user.put("id", s.id());
                    user.put("name", Objects.toString(data.get("name"), "?"));
                    user.put("node", Objects.requireNonNullElse(data.get("node"), 0));
                    user.put("room", s.rooms().stream().filter(ROOMS::contains).findFirst().orElse(""));
                    return user;
                })
                .sorted(Comparator.comparing(u -> u.get("name").toString()))
                .toList();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    int index() {
        return index;
    }

    @Override
    public void close() {
        server.stop();
        pool.close();
    }
}
