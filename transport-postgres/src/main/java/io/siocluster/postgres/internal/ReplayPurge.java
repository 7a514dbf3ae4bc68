package io.siocluster.postgres.internal;

import io.siocluster.spi.support.NamedThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the replay table's rows once they are older than the replay window, every
 * {@link #interval(Duration) window / 3} (1 to 10 s), one node at a time (the table's advisory lock). Only the
 * transport knows this table, so it purges it itself, on a thread of its own that sleeps between runs.
 */
final class ReplayPurge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayPurge.class);

    private final DataSource dataSource;
    private final Settings settings;
    private final ReplayTable table;
    private final ScheduledExecutorService scheduler;
    private final FailureLog failures = new FailureLog(LOG, "purging the replay table");

    ReplayPurge(DataSource dataSource, Settings settings, ReplayTable table) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.table = table;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.single(settings.instanceName(),
                "replay-purge"));
        long every = interval(settings.replayWindow()).toMillis();
        scheduler.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
    }

    static Duration interval(Duration window) {
        Duration third = window.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : third.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : third;
    }

    private void purge() {
        try (Connection c = Connections.bounded(dataSource.getConnection(), settings)) {
            long removed = table.purgeOlderThan(c, settings.replayWindow());
            failures.recovered("purging the replay table works again");
            if (removed > 0) {
                LOG.debug("purged {} rows of {}", removed, table.name());
            }
        } catch (SQLException | RuntimeException e) {
            failures.failed(e); // the database is away: the next run tries again
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
