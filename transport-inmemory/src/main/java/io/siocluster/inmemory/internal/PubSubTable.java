package io.siocluster.inmemory.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bus's pub/sub channels, apart from the {@link Router}'s (a pub/sub channel is not a messaging channel of the
 * same name). Publishing runs under one lock, as the router's does. Counting listeners counts transports, as Redis
 * counts client connections: a transport listens once however many of its subscriptions share a channel.
 */
public final class PubSubTable {

    /** One listener on one channel, owned by one transport instance. */
    public interface Route {
        /** The transport the route belongs to. */
        Object owner();

        /** Whether the owner is connected now: a disconnected one neither receives nor counts. */
        boolean listening();

        /** Called under the table's lock with the route's own copy: must only enqueue. */
        void offer(String channel, byte[] payload);
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

    public synchronized void publish(String channel, byte[] payload) {
        for (Route route : routes.getOrDefault(channel, List.of())) {
            if (route.listening()) {
                route.offer(channel, payload.clone());
            }
        }
    }

    /** The transports listening on {@code channel}. */
    public synchronized long listeners(String channel) {
        Set<Object> owners = new HashSet<>();
        for (Route route : routes.getOrDefault(channel, List.of())) {
            if (route.listening()) {
                owners.add(route.owner());
            }
        }
        return owners.size();
    }
}
