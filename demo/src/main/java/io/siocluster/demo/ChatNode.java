package io.siocluster.demo;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.RemoteSocket;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.postgres.PostgresTransport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat server: a plain netty-socketio server made clustered by one line
 * ({@link SocketIOCluster#attach}). Its handlers are ordinary netty-socketio code: {@code getRoomOperations(room)
 * .sendEvent(...)} reaches the room's clients on every node; {@code who} uses the cluster API's
 * {@code fetchSockets()} to list every node's users.
 */
final class ChatNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatNode.class);

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
        this.cluster = SocketIOCluster.attach(config, () -> PostgresTransport.create(pool));
        this.server = new SocketIOServer(config);
        server.setPipelineFactory(new EngineIo4ChannelInitializer()); // Socket.IO v4 clients get binary right

        server.addConnectListener(client -> client.sendEvent("welcome", Map.of("node", index)));
        server.addEventListener("join", Map.class, (client, data, ack) -> join(client, data));
        server.addEventListener("chat", Map.class, (client, data, ack) -> chat(client, data));
        server.addEventListener("who", Map.class, (client, data, ack) -> cluster.of("/")
                .in(room(client)).fetchSockets()
                .thenAccept(sockets -> ack.sendAckData(describe(sockets))));
        server.start();
        LOG.info("node {} listening on 127.0.0.1:{}", index, port);
    }

    private void join(SocketIOClient client, Map<?, ?> data) {
        String room = String.valueOf(data.get("room"));
        String name = String.valueOf(data.get("name"));
        client.joinRoom(room);
        client.set("room", room);
        client.set("name", name);
        cluster.setSocketData(client, Map.of("name", name, "node", index));
        server.getRoomOperations(room).sendEvent("system",
                Map.of("text", name + " joined " + room + " on node " + index));
    }

    private void chat(SocketIOClient client, Map<?, ?> data) {
        String room = room(client);
        // Drop-in: unchanged netty-socketio code, now cluster-wide.
        server.getRoomOperations(room).sendEvent("chat",
                Map.of("name", Objects.toString(client.get("name"), "?"), "text", String.valueOf(data.get("text")),
                        "node", index));
    }

    private static String room(SocketIOClient client) {
        String room = client.get("room");
        return room == null ? "lobby" : room;
    }

    private static List<Object> describe(List<RemoteSocket> sockets) {
        return sockets.stream().map(s -> s.data() == null ? (Object) Map.of("id", s.id()) : s.data()).toList();
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
