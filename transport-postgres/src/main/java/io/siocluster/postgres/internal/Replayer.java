package io.siocluster.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The listener's side of replay: remembers when its connection was last known alive and what it received
 * lately, and after a reconnect fetches the rows published since then and hands over the ones this node
 * had not received, without duplicates. Listener thread only.
 *
 * <p>Why this is exact. A notification that arrived proves the old connection had delivered everything
 * committed before it (PostgreSQL delivers a listener's notifications in commit order), and so does an
 * answered ping; what was lost was committed later. A row's {@code created_at} is its transaction's start,
 * which may precede the commit, so the replay reaches back {@link #MARGIN} further, and the rows of that
 * overlap this node did receive are skipped by their (channel, payload) hash ({@link RecentMessages}).
 * The new connection LISTENs before the replay query, so a message committed after the query's snapshot
 * arrives as a notification, and one committed between LISTEN and the snapshot comes both ways: PostgreSQL
 * sends such notifications with the query's transaction or just after it, so for {@link #LATE_DUPLICATES}
 * after a replay each notification that matches a replayed row consumes it and is dropped. Only rows created
 * less than {@link #MARGIN} before the replay began can be such twins (older ones committed before the LISTEN),
 * so only those are held for it.
 */
final class Replayer {

    /** How far before the last sign of life the replay reaches, for transactions in flight then. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    /** How long after a replay a notification may still be the twin of a replayed row. */
    static final Duration LATE_DUPLICATES = Duration.ofSeconds(2);
    /** The most received messages remembered for skipping (16 bytes each: at most 8 MiB). */
    static final int MAX_REMEMBERED = 1 << 19;

    /** What a replay after a reconnect did. */
    record Outcome(boolean covered, long replayed, long skipped, Duration reachedBack) {
    }

    /** Hands a replayed row to the listeners; false when the transport is closing. */
    @FunctionalInterface
    interface Delivery {
        boolean deliver(String wireChannel, String payload) throws InterruptedException;
    }

    private final ReplayTable table;
    private final long windowNanos;
    private final long marginNanos = MARGIN.toNanos();
    private final RecentMessages recent;
    private boolean everAlive;
    private long aliveAt;
    private Map<Long, Integer> replayedTwins = Map.of();
    private long twinsUntil;
    private volatile long replayedTotal; // written by the listener thread only, read by any

    Replayer(ReplayTable table, Duration window) {
        this.table = table;
        this.windowNanos = window.toNanos();
        // Kept a little longer than the margin: an outage shorter than it still finds what came before.
        this.recent = new RecentMessages(marginNanos + TimeUnit.SECONDS.toNanos(1), MAX_REMEMBERED);
    }

    /** The connection was seen working at {@code now}: every notification committed before was received. */
    void alive(long now) {
        everAlive = true;
        aliveAt = now;
    }

    /**
     * A notification arrived on the connection; returns whether to deliver it (false for the twin of a row
     * just replayed).
     */
    boolean received(String wireChannel, String payload, long now) {
        long hash = RecentMessages.hash(wireChannel, payload);
        if (!replayedTwins.isEmpty()) {
            if (now - twinsUntil > 0) {
                replayedTwins = Map.of();
            } else if (consume(replayedTwins, hash)) {
                return false;
            }
        }
        recent.add(hash, now);
        return true;
    }

    /**
     * After a reconnect (the new connection already LISTENs to {@code wireChannels}): streams the rows published
     * since the old connection was last known alive, less what was received before, to {@code delivery} in
     * publishing order. Null before the first connection was ever alive (nothing to resume).
     *
     * @throws SQLException the query failed; nothing more is delivered and the caller decides about the connection
     */
    @Nullable Outcome replay(Connection connection, List<String> wireChannels, Delivery delivery)
            throws SQLException, InterruptedException {
        if (!everAlive) {
            return null;
        }
        long now = System.nanoTime();
        long since = aliveAt - marginNanos;
        long reach = now - since;
        // Rows are purged once older than the window: reaching back no further than it, nothing was purged yet.
        boolean covered = reach <= windowNanos;
        Map<Long, Integer> receivedBefore = recent.countsSince(since);
        Map<Long, Integer> delivered = new HashMap<>();
        long[] counts = new long[2]; // replayed, skipped
        if (!wireChannels.isEmpty()) {
            table.replay(connection, reach / 1e9, marginNanos / 1e9, wireChannels, (channel, payload, young) -> {
                long hash = RecentMessages.hash(channel, payload);
                if (consume(receivedBefore, hash)) {
                    counts[1]++;
                    return true; // had it before the outage
                }
                if (young) {
                    delivered.merge(hash, 1, Integer::sum); // older rows committed before the LISTEN: no twin comes
                }
                recent.add(hash, System.nanoTime());
                counts[0]++;
                return delivery.deliver(channel, payload);
            });
        }
        replayedTwins = delivered;
        twinsUntil = System.nanoTime() + LATE_DUPLICATES.toNanos();
        replayedTotal += counts[0];
        return new Outcome(covered, counts[0], counts[1], Duration.ofNanos(reach));
    }

    /** Rows delivered by replays so far; any thread. */
    long replayedTotal() {
        return replayedTotal;
    }

    private static boolean consume(Map<Long, Integer> counts, long hash) {
        Integer left = counts.get(hash);
        if (left == null) {
            return false;
        }
        if (left == 1) {
            counts.remove(hash);
        } else {
            counts.put(hash, left - 1);
        }
        return true;
    }
}
