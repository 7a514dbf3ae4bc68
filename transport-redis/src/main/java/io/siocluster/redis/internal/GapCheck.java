package io.siocluster.redis.internal;

import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decides, after a reconnect, whether a stream lost entries this node had not read. Redis 7 records the
 * largest id ever removed from a stream ({@code max-deleted-entry-id} in {@code XINFO STREAM}): if it is
 * above the last id read, an entry the node never saw was trimmed. After a restart (a new {@code run_id}) the
 * stream may have been lost with the server's memory: unless the entry last read is still there (the stream
 * was reloaded from disk), that is reported as a gap too, since nothing says what the old server held.
 * Before Redis 7 only the restart test applies. Runs on the control thread and blocks it (bounded).
 */
final class GapCheck {

    private GapCheck() {
    }

    static boolean lostEntries(RedisAsyncCommands<String, String> control, Cursor cursor, boolean restarted,
            Duration timeout) throws Exception {
        String lastId = cursor.lastId;
        if (lastId == null) {
            return false; // never started: nothing was promised yet
        }
        @Nullable List<Object> info = info(control, cursor.key, timeout);
        if (info == null) {
            return restarted || cursor.lastIsEntry; // the stream is gone, and whatever followed what we read
        }
        @Nullable String maxDeleted = field(info, "max-deleted-entry-id");
        if (maxDeleted != null && compare(maxDeleted, lastId) > 0) {
            return true;
        }
        if (restarted) {
            return !(cursor.lastIsEntry && !control.xrange(cursor.key, Range.create(lastId, lastId))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty());
        }
        return false;
    }

    private static @Nullable List<Object> info(RedisAsyncCommands<String, String> control, String key, Duration timeout)
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
