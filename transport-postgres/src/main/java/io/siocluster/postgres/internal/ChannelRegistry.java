package io.siocluster.postgres.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which subscriptions exist, by wire channel. Any thread changes it; only the listener thread turns it into
 * LISTEN / UNLISTEN, between waits: it sees {@link #takeChanged()} and reconciles the connection with
 * {@link #channels()}, then completes the subscriptions whose channel it now listens to.
 */
final class ChannelRegistry {

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<PgSubscription>> byChannel = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PgSubscription> awaitingReady = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean changed = new AtomicBoolean();

    void add(PgSubscription subscription) {
        byChannel.compute(subscription.wireChannel(), (channel, list) -> {
            CopyOnWriteArrayList<PgSubscription> subscriptions = list == null ? new CopyOnWriteArrayList<>() : list;
            subscriptions.add(subscription);
            return subscriptions;
        });
        awaitingReady.add(subscription);
        changed.set(true); // set last: the listener thread reads the map after clearing the flag
    }

    void remove(PgSubscription subscription) {
        byChannel.computeIfPresent(subscription.wireChannel(), (channel, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
        changed.set(true);
    }

    /** Whether subscriptions changed since the last call. */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /** The wire channels that have at least one subscription. */
    Set<String> channels() {
        return new HashSet<>(byChannel.keySet());
    }

    /** As dispatcher work (on its thread, or in place on the listener thread when it is idle): hands a notification to every subscription of its channel. */
    void deliver(String wireChannel, String payload) {
        List<PgSubscription> subscriptions = byChannel.get(wireChannel);
        if (subscriptions != null) {
            for (PgSubscription subscription : subscriptions) {
                subscription.deliver(payload);
            }
        }
    }

    /** On the listener thread, after LISTEN: completes waiting subscriptions whose channel is listened to. */
    void completeReady(Set<String> listening) {
        List<PgSubscription> stillWaiting = new ArrayList<>();
        PgSubscription subscription;
        while ((subscription = awaitingReady.poll()) != null) {
            if (!subscription.isActive()) {
                continue;
            }
            if (listening.contains(subscription.wireChannel())) {
                subscription.markReady();
            } else {
                stillWaiting.add(subscription);
            }
        }
        awaitingReady.addAll(stillWaiting);
    }

    /** Closes every subscription (the transport is closing): their {@code ready()} fail if still pending. */
    void closeAll() {
        for (List<PgSubscription> list : byChannel.values()) {
            for (PgSubscription subscription : list) {
                subscription.close();
            }
        }
        PgSubscription waiting;
        while ((waiting = awaitingReady.poll()) != null) {
            waiting.close();
        }
    }
}
