package io.siocluster.inmemory.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One table of the bus's channels: texts on messaging channels, or entries on streams (a table of its own, so a
 * stream is not a channel of the same name). Publishing runs under the table's lock, so every receiver sees the
 * table's messages in one global order, as PostgreSQL delivers notifications in commit order.
 *
 * @param <M> what travels: a text payload, or an entry's fields
 */
public final class Router<M> {

    /** One listener on one channel, owned by one transport instance. */
    public interface Route<M> {
        /** Called under the bus lock: must only enqueue, never run the listener inline. */
        void offer(String channel, M message);
    }

    private final Map<String, List<Route<M>>> routes = new HashMap<>();

    public synchronized void add(String channel, Route<M> route) {
        routes.computeIfAbsent(channel, c -> new ArrayList<>()).add(route);
    }

    public synchronized void remove(String channel, Route<M> route) {
        List<Route<M>> list = routes.get(channel);
        if (list != null && list.remove(route) && list.isEmpty()) {
            routes.remove(channel);
        }
    }

    public synchronized void publish(String channel, M message) {
        List<Route<M>> list = routes.get(channel);
        if (list != null) {
            for (Route<M> route : list) {
                route.offer(channel, message);
            }
        }
    }
}
