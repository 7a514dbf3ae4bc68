package io.siocluster.postgres.internal;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.PGStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes 1 ms off every notification pgjdbc delivers. After reading a notification, pgjdbc 42.7's
 * {@code getNotifications(timeout)} looks for a next message before it returns ({@code PGStream.hasMessagePending}):
 * a read with a 1 ms socket timeout, normally done at most once a second ({@code nextStreamAvailableCheckTime}), but
 * when the read times out, which is the usual case, that deadline is not moved, so every wait that received something
 * waited 1 ms more. Measured (benchmarks/PROFILE.md, fourth round): node-postgres sending, pgjdbc listening, p50 1.5
 * ms; pgjdbc sending, node-postgres listening, 0.4-0.5 ms. Moving the deadline far ahead before each wait makes the
 * look-ahead take only what is already buffered; the next wait reads the rest at once, so nothing is delayed or lost.
 *
 * <p>The fields are pgjdbc's, found by reflection; with a driver that lacks them this does nothing but say so once.
 */
final class NotifyLookahead {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyLookahead.class);
    private static final @Nullable Field STREAM = field(org.postgresql.core.QueryExecutorBase.class, "pgStream");
    private static final @Nullable Field NEXT_CHECK = field(PGStream.class, "nextStreamAvailableCheckTime");

    private NotifyLookahead() {
    }

    /** Whether this driver has the fields; false means notifications keep pgjdbc's extra millisecond. */
    static boolean supported() {
        return STREAM != null && NEXT_CHECK != null;
    }

    /** Before each {@code getNotifications} on the listener's connection: no 1 ms look-ahead after a notification. */
    static void skipOn(Connection connection) throws SQLException {
        if (!supported()) {
            return;
        }
        try {
            Object executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
            NEXT_CHECK.setLong(STREAM.get(executor), Long.MAX_VALUE);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            LOG.debug("pgjdbc's look-ahead stays on for this connection", e);
        }
    }

    private static @Nullable Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("pgjdbc {} has no field {}.{}: each notification waits 1 ms longer in the driver ({})",
                    org.postgresql.util.DriverInfo.DRIVER_VERSION, owner.getSimpleName(), name, e.toString());
            return null;
        }
    }
}
