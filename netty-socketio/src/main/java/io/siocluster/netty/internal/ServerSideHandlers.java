package io.siocluster.netty.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's handlers for events other servers send with {@code serverSideEmit}, per namespace and event. */
public final class ServerSideHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSideHandlers.class);

    /** One handler; {@code ack} is null when the sender expects no answer. */
    @FunctionalInterface
    public interface Handler {
        void handle(List<@Nullable Object> args, @Nullable Consumer<@Nullable Object> ack);
    }

    private final Map<String, Map<String, List<Handler>>> handlers = new ConcurrentHashMap<>();

    /** Registers a handler; closing the returned handle removes it. */
    public AutoCloseable add(String wireNamespace, String event, Handler handler) {
        List<Handler> list = handlers.computeIfAbsent(wireNamespace, ns -> new ConcurrentHashMap<>())
                .computeIfAbsent(event, e -> new CopyOnWriteArrayList<>());
        list.add(handler);
        return () -> list.remove(handler);
    }

    /** Hands a received {@code [event, ...args]} to each handler of its event; returns how many there were. */
    public int dispatch(String wireNamespace, List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
        if (packet.isEmpty() || !(packet.get(0) instanceof String event)) {
            LOG.debug("server-side event without a name in {} ignored", wireNamespace);
            return 0;
        }
        List<Handler> list = handlers.getOrDefault(wireNamespace, Map.of()).getOrDefault(event, List.of());
        List<@Nullable Object> args = packet.subList(1, packet.size());
        for (Handler handler : list) {
            try {
                handler.handle(args, ack);
            } catch (RuntimeException e) {
                LOG.warn("server-side handler for '{}' in {} failed", event, wireNamespace, e);
            }
        }
        return list.size();
    }
}
