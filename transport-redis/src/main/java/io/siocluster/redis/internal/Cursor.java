package io.siocluster.redis.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Where this node is in one stream: the last entry id it read, and the subscriptions that want its entries.
 * Confined to the control thread's turn ({@link ControlThread}), except {@link #subscriptions}, which the dispatcher
 * reads.
 */
final class Cursor {

    final String channel;
    final String key;
    final List<RedisSubscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The id to read after; null until the start id is known (then the subscriptions become ready). */
    @Nullable String lastId;
    /** Whether {@link #lastId} is an entry's id (read, or the newest at the start) rather than {@code 0-0}. */
    boolean lastIsEntry;

    Cursor(String channel, String key) {
        this.channel = channel;
        this.key = key;
    }

    boolean started() {
        return lastId != null;
    }

    void start(@Nullable String newestId) {
        lastId = newestId == null ? "0-0" : newestId;
        lastIsEntry = newestId != null;
    }

    void advance(String id) {
        lastId = id;
        lastIsEntry = true;
    }
}
