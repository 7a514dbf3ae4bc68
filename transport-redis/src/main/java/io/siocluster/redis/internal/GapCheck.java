package io.siocluster.redis.internal;

import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decides, after a reconnect, whether a stream lost entries this node had not read. Trimming ({@code MAXLEN ~})
 * removes the oldest entries first, so if the entry last read is still in the stream, nothing after it was
 * trimmed; if it is gone, the trim went past it and is reported as a gap (it may have taken only entries up
 * to it, which this cannot tell: the safe side). {@code XDEL} is caught by Redis 7's
 * {@code max-deleted-entry-id} ({@code XINFO STREAM}; trimming does not move it). A node that had read nothing
 * yet (it started on an empty stream) lost something if the stream now holds fewer entries than were ever
 * added to it ({@code entries-added}, Redis 7). After a restart (a new {@code run_id}) a stream reloaded from
 * disk still holds the entry last read; one lost with the server's memory does not, which is a gap.
 * Runs on the control thread and blocks it (bounded).
 */
final class GapCheck {

    private GapCheck() {
    }

    static boolean lostEntries(RedisStreamAsyncCommands<String, String> control, Cursor cursor, boolean restarted,
            Duration timeout) throws Exception {
        String lastId = cursor.lastId;
        if (lastId == null) {
            return false; // never started: nothing was promised yet
        }
        return lostAfter(control, cursor.key, lastId, cursor.lastIsEntry, restarted, timeout);
    }

    /**
     * Whether entries after {@code lastId} (an entry's id when {@code lastIsEntry}, else {@code 0-0}) were removed
     * from {@code key}. Also asked while connected, after a read that came back full (the node is behind, see
     * {@code StreamReader}): the answer is then on the safe side too, since a trim just after that read may have
     * passed {@code lastId} without taking anything unread.
     */
    static boolean lostAfter(RedisStreamAsyncCommands<String, String> control, String key, String lastId, boolean lastIsEntry,
            boolean restarted, Duration timeout) throws Exception {
        @Nullable List<Object> info = info(control, key, timeout);
        if (info == null) {
            return restarted || lastIsEntry; // the stream is gone, and whatever followed what we read
        }
        @Nullable String maxDeleted = field(info, "max-deleted-entry-id");
        if (maxDeleted != null && compare(maxDeleted, lastId) > 0) {
            return true;
        }
        if (lastIsEntry) {
            return control.xrange(key, Range.create(lastId, lastId))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        }
        @Nullable String added = field(info, "entries-added");
        @Nullable String length = field(info, "length");
        return restarted || (added != null && length != null && Long.parseLong(added) > Long.parseLong(length));
    }

    private static @Nullable List<Object> info(RedisStreamAsyncCommands<String, String> control, String key, Duration timeout)
            throws Exception {
        try {
            return control.xinfoStream(key).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String message = String.valueOf(e.getCause() == null ? null : e.getCause().getMessage());
            if (message.contains("no such key")) {
                return null;
            }
            throw e;
        }
    }

    private static @Nullable String field(List<Object> info, String name) {
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if (name.equals(String.valueOf(info.get(i)))) {
                Object value = info.get(i + 1);
                return value == null ? null : String.valueOf(value);
            }
        }
        return null;
    }

    /** Compares stream ids {@code ms-seq} numerically. */
    static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
        return byTime != 0 ? byTime
                : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)), Long.parseUnsignedLong(b.substring(db + 1)));
    }
}
