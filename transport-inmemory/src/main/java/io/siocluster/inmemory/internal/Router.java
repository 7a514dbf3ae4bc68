package io.siocluster.inmemory.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bus's channel table. Publishing runs under one lock, so every receiver sees all messages in one
 * global order, as PostgreSQL delivers notifications in commit order.
 */
public final class Router {

    /** One listener on one channel, owned by one transport instance. */
    public interface Route {
        /** Called under the bus lock: must only enqueue, never run the listener inline. */
        void offer(String channel, String payload);
    }

    private final Map<String, List<Route>> routes = new HashMap<>();

    public synchronized void add(String channel, Route route) {
        routes.computeIfAbsent(channel, c -> new ArrayList<>()).add(route);
    }

    public synchronized void remove(String channel, Route route) {
        List<Route> list = routes.get(channel);
        if (list != null && list.remove(route) && list.isEmpty()) {
            routes.remove(channel);
        }
    }

    public synchronized void publish(String channel, String payload) {
        List<Route> list = routes.get(channel);
        if (list != null) {
            for (Route route : list) {
                route.offer(channel, payload);
            }
        }
    }
}
