package io.siocluster.interop.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A running {@code server.js}: Socket.IO 4 with {@code @socket.io/postgres-adapter} 0.5.0. Its methods are the
 * Socket.IO server API, run on the Node side.
 */
public final class NodeServer implements AutoCloseable {

    /** How a Node server joins the cluster; names and defaults are the adapter's. */
    public record Settings(String name, String channelPrefix, String table, Duration heartbeatInterval,
            Duration heartbeatTimeout) {

        public static Settings of(String name, String channelPrefix, String table) {
            return new Settings(name, channelPrefix, table, Duration.ofSeconds(5), Duration.ofSeconds(10));
        }

        public Settings heartbeats(Duration interval, Duration timeout) {
            return new Settings(name, channelPrefix, table, interval, timeout);
        }
    }

    /** A server-side event that reached a handler registered with {@link #onServerSideEmit}. */
    public record ServerSideCall(String event, List<@Nullable Object> args, boolean withAck) {
    }

    private final NodeProcess process;

    NodeServer(NodeProcess process) {
        this.process = process;
    }

    public NodeProcess process() {
        return process;
    }

    public int port() {
        return process.readyEvent().path("port").asInt();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The adapter's uid in the default namespace: how the other nodes know this one. */
    public String uid() {
        return process.readyEvent().path("uid").asText();
    }

    /** The npm package versions the server runs. */
    public Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        process.readyEvent().path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
        versions.put("node", process.readyEvent().path("node").asText());
        return versions;
    }

    /** {@code io.to(..).except(..).emit(event, ...args)}; returns what the adapter sent to PostgreSQL. */
    public List<Sent> emit(Target target, String event, @Nullable Object... args) {
        Map<String, Object> command = target.args();
        command.put("event", event);
        command.put("args", list(args));
        return Sent.listFrom(process.call("broadcast", command).path("sent"));
    }

    /** {@code io.to(..).except(..).volatile.compress(compress).emit(event, ...args)}. */
    public List<Sent> emitVolatile(Target target, boolean compress, String event, @Nullable Object... args) {
        Map<String, Object> command = target.args();
        command.put("volatile", true);
        command.put("compress", compress);
        command.put("event", event);
        command.put("args", list(args));
        return Sent.listFrom(process.call("broadcast", command).path("sent"));
    }

    /**
     * Like {@link #emit}, with one more string argument that pads the adapter's JSON message to exactly
     * {@code bytes} UTF-8 bytes.
     */
    public List<Sent> emitPadded(Target target, int bytes, String event, @Nullable Object... args) {
        Map<String, Object> command = target.args();
        command.put("event", event);
        command.put("args", list(args));
        command.put("padTo", bytes);
        return Sent.listFrom(process.call("broadcast", command).path("sent"));
    }

    /** {@code io.timeout(t).emit(event, ...args, (err, responses) => ...)}. */
    public AckResult emitWithAck(Target target, Duration timeout, String event, @Nullable Object... args) {
        Map<String, Object> command = target.args();
        command.put("event", event);
        command.put("args", list(args));
        command.put("timeout", timeout.toMillis());
        return AckResult.from(process.call("broadcastWithAck", command));
    }

    /** A socket that {@code fetchSockets} finds by id, then {@code socket.timeout(t).emit(event, ...args, ack)}. */
    public AckResult remoteSocketEmitWithAck(String socketId, Duration timeout, String event, @Nullable Object... args) {
        Map<String, Object> command = new java.util.HashMap<>();
        command.put("id", socketId);
        command.put("event", event);
        command.put("args", list(args));
        command.put("timeout", timeout.toMillis());
        return AckResult.from(process.call("remoteSocketEmitWithAck", command));
    }

    /** {@code io.to(..).except(..).fetchSockets()}: this server's sockets and every other node's. */
    public List<SocketView> fetchSockets(Target target) {
        return SocketView.listFrom(process.call("fetchSockets", target.args()));
    }

    /** This server's own sockets in a namespace, with their rooms. */
    public List<SocketView> localSockets(String nsp) {
        return SocketView.listFrom(process.call("localSockets", Map.of("nsp", nsp)));
    }

    public void socketsJoin(Target target, String... rooms) {
        Map<String, Object> command = target.args();
        command.put("rooms", List.of(rooms));
        process.call("socketsJoin", command);
    }

    public void socketsLeave(Target target, String... rooms) {
        Map<String, Object> command = target.args();
        command.put("rooms", List.of(rooms));
        process.call("socketsLeave", command);
    }

    public void disconnectSockets(Target target, boolean close) {
        Map<String, Object> command = target.args();
        command.put("close", close);
        process.call("disconnectSockets", command);
    }

    /** {@code io.serverSideEmit(event, ...args)}. */
    public void serverSideEmit(String event, @Nullable Object... args) {
        process.call("serverSideEmit", Map.of("event", event, "args", list(args)));
    }

    /** {@code io.serverSideEmit(event, ...args, (err, responses) => ...)}: one answer from each other node. */
    public AckResult serverSideEmitWithAck(String event, @Nullable Object... args) {
        return AckResult.from(process.call("serverSideEmitWithAck", Map.of("event", event, "args", list(args))));
    }

    /** Registers {@code io.on(event, ...)}: each call is recorded, and an ack is answered with {@code reply}. */
    public void onServerSideEmit(String event, @Nullable Object reply) {
        Map<String, @Nullable Object> command = new LinkedHashMap<>();
        command.put("event", event);
        command.put("reply", reply);
        process.call("onServerSideEmit", command);
    }

    /** The calls of the handler for {@code event} so far. */
    public List<ServerSideCall> serverSideCalls(String event) {
        List<ServerSideCall> calls = new ArrayList<>();
        for (ObjectNode e : process.events("serverSideEmit")) {
            if (event.equals(e.path("name").asText())) {
                calls.add(new ServerSideCall(event, Wire.listFrom(e.path("args")), e.path("withAck").asBoolean()));
            }
        }
        return calls;
    }

    /** The adapter's {@code serverCount()}: 1 plus the peers it has heard from. */
    public int serverCount() {
        return process.call("serverCount", Map.of("nsp", "/")).asInt();
    }

    /** What the adapter's {@code errorHandler} got so far. */
    public List<String> adapterErrors() {
        List<String> errors = new ArrayList<>();
        process.events("adapterError").forEach(e -> errors.add(e.path("message").asText()));
        return errors;
    }

    /** The ids of the sockets that disconnected from this server, with the reason Socket.IO gave. */
    public Map<String, String> disconnections() {
        Map<String, String> gone = new LinkedHashMap<>();
        process.events("disconnect").forEach(e -> gone.put(e.path("id").asText(), e.path("reason").asText()));
        return gone;
    }

    /** {@code io.close()} (which sends ADAPTER_CLOSE), then the process exits. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.call("close", Map.of());
            } catch (RuntimeException e) {
                // already going
            }
            process.waitForExit(Duration.ofSeconds(5));
        }
        process.close();
    }

    /** Kills the process (SIGKILL): no ADAPTER_CLOSE, the other nodes notice by the missing heartbeats. */
    public void kill() {
        process.kill();
    }

    static List<@Nullable Object> list(@Nullable Object[] args) {
        List<@Nullable Object> list = new ArrayList<>(args.length);
        Collections.addAll(list, args);
        return list;
    }
}
