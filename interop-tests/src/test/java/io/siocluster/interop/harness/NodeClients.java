package io.siocluster.interop.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A running {@code client.js}: socket.io-client 4 clients by name, to any Socket.IO server. Every event a client
 * receives is recorded; events that ask for an acknowledgement are answered with the client's {@code ackReply}.
 */
public final class NodeClients implements AutoCloseable {

    /** An event one client received. */
    public record Received(String client, String event, List<@Nullable Object> args, boolean withAck) {
    }

    /** How a client connects. */
    public record Connection(String name, String url, String nsp, String transport, Map<String, @Nullable Object> auth,
            @Nullable Object ackReply) {

        public static Connection websocket(String name, String url) {
            return new Connection(name, url, "/", "websocket", Map.of(), name);
        }

        public static Connection polling(String name, String url) {
            return new Connection(name, url, "/", "polling", Map.of(), name);
        }

        /** Rooms the Node test server joins the socket to on connection (handshake auth {@code rooms}). */
        public Connection rooms(String... rooms) {
            Map<String, @Nullable Object> more = new LinkedHashMap<>(auth);
            more.put("rooms", List.of(rooms));
            return new Connection(name, url, nsp, transport, more, ackReply);
        }

        /** What the Node test server puts in {@code socket.data} (handshake auth {@code data}). */
        public Connection data(@Nullable Object data) {
            Map<String, @Nullable Object> more = new LinkedHashMap<>(auth);
            more.put("data", data);
            return new Connection(name, url, nsp, transport, more, ackReply);
        }

        public Connection namespace(String namespace) {
            return new Connection(name, url, namespace, transport, auth, ackReply);
        }

        public Connection ackReply(@Nullable Object reply) {
            return new Connection(name, url, nsp, transport, auth, reply);
        }
    }

    private final NodeProcess process;
    private final Map<String, String> ids = new LinkedHashMap<>();

    NodeClients(NodeProcess process) {
        this.process = process;
    }

    public NodeProcess process() {
        return process;
    }

    /** Connects a client and returns its socket id once connected. */
    public String connect(Connection connection) {
        Map<String, @Nullable Object> command = new LinkedHashMap<>();
        command.put("name", connection.name());
        command.put("url", connection.url());
        command.put("nsp", connection.nsp());
        command.put("transport", connection.transport());
        command.put("auth", connection.auth());
        command.put("ackReply", connection.ackReply());
        JsonNode result = process.call("connect", command);
        String id = result.path("id").asText();
        ids.put(connection.name(), id);
        return id;
    }

    /** The socket id a client got when it connected. */
    public String id(String client) {
        String id = ids.get(client);
        if (id == null) {
            throw new IllegalArgumentException("no client named " + client);
        }
        return id;
    }

    /** {@code socket.emit(event, ...args)} from a client. */
    public void emit(String client, String event, @Nullable Object... args) {
        process.call("emit", Map.of("name", client, "event", event, "args", NodeServer.list(args)));
    }

    /** {@code await socket.timeout(5000).emitWithAck(event, ...args)} from a client: the server's answer. */
    public @Nullable Object emitWithAck(String client, String event, @Nullable Object... args) {
        return Wire.fromJson(process.call("emit", Map.of("name", client, "event", event, "args", NodeServer.list(args),
                "ack", true)));
    }

    public boolean isConnected(String client) {
        return process.call("status", Map.of("name", client)).path("connected").asBoolean();
    }

    public void disconnect(String client) {
        process.call("disconnect", Map.of("name", client));
    }

    /** Every event {@code client} received with the name {@code event}, oldest first. */
    public List<Received> received(String client, String event) {
        List<Received> received = new ArrayList<>();
        for (Received r : allReceived()) {
            if (r.client().equals(client) && r.event().equals(event)) {
                received.add(r);
            }
        }
        return received;
    }

    /** The names of the clients that received {@code event}, once per delivery. */
    public List<String> receivers(String event) {
        List<String> clients = new ArrayList<>();
        for (Received r : allReceived()) {
            if (r.event().equals(event)) {
                clients.add(r.client());
            }
        }
        return clients;
    }

    public List<Received> allReceived() {
        List<Received> received = new ArrayList<>();
        for (ObjectNode e : process.events("received")) {
            received.add(new Received(e.path("client").asText(), e.path("name").asText(), Wire.listFrom(e.path("args")),
                    e.path("withAck").asBoolean()));
        }
        return received;
    }

    /** Why each disconnected client was disconnected ({@code "io server disconnect"}, ...). */
    public Map<String, String> disconnections() {
        Map<String, String> reasons = new LinkedHashMap<>();
        process.events("disconnect").forEach(e -> reasons.put(e.path("client").asText(), e.path("reason").asText()));
        return reasons;
    }

    @Override
    public void close() {
        process.close();
    }
}
