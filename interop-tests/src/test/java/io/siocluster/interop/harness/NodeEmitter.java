package io.siocluster.interop.harness;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A running {@code emitter.js}: {@code @socket.io/postgres-emitter} 0.1.1. Each method returns once what the
 * emitter sent has reached PostgreSQL (the package itself publishes fire-and-forget).
 */
public final class NodeEmitter implements AutoCloseable {

    private final NodeProcess process;

    NodeEmitter(NodeProcess process) {
        this.process = process;
    }

    /** {@code emitter.to(..).except(..).emit(event, ...args)}. */
    public List<Sent> emit(Target target, String event, @Nullable Object... args) {
        Map<String, Object> command = target.args();
        command.put("event", event);
        command.put("args", NodeServer.list(args));
        return Sent.listFrom(process.call("emit", command).path("sent"));
    }

    public List<Sent> socketsJoin(Target target, String... rooms) {
        Map<String, Object> command = target.args();
        command.put("rooms", List.of(rooms));
        return Sent.listFrom(process.call("socketsJoin", command).path("sent"));
    }

    public List<Sent> socketsLeave(Target target, String... rooms) {
        Map<String, Object> command = target.args();
        command.put("rooms", List.of(rooms));
        return Sent.listFrom(process.call("socketsLeave", command).path("sent"));
    }

    public List<Sent> disconnectSockets(Target target, boolean close) {
        Map<String, Object> command = target.args();
        command.put("close", close);
        return Sent.listFrom(process.call("disconnectSockets", command).path("sent"));
    }

    public List<Sent> serverSideEmit(String event, @Nullable Object... args) {
        return Sent.listFrom(process.call("serverSideEmit", Map.of("event", event, "args", NodeServer.list(args)))
                .path("sent"));
    }

    @Override
    public void close() {
        process.close();
    }
}
