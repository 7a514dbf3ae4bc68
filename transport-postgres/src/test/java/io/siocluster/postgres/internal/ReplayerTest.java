package io.siocluster.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.postgres.ReplayTables;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay's bookkeeping against a real replay table, with rows written by hand so that each case is exact:
 * what was received before the outage is skipped, only subscribed channels come back, in id order, and a
 * notification that is the twin of a young replayed row is dropped once (an old row has no twin to wait for).
 */
@DisplayName("replayer")
@ExtendWith(PostgresExtension.class)
class ReplayerTest {

    private static final String HINT = "replayer";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final PostgresDatabase db;

    ReplayerTest(PostgresDatabase db) {
        this.db = db;
    }

    @AfterAll
    static void dropReplayTables(PostgresDatabase db) throws SQLException {
        ReplayTables.dropAll(db, HINT);
    }

    private ReplayTable table() {
        Settings settings = new Settings("t", "", Identifiers.tableName("t", db.uniqueTableName(HINT)), true, 10, 10,
                Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(10), 1, true, true,
                Duration.ofSeconds(30), io.siocluster.spi.messaging.OverloadPolicy.REJECT);
        return new ReplayTable(settings);
    }

    private static void insert(Connection c, ReplayTable table, String channel, String payload, int secondsAgo)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table.name().sql()
                + " (channel, payload, created_at) VALUES (?, ?, now() - make_interval(secs => ?))")) {
            s.setString(1, channel);
            s.setString(2, payload);
            s.setInt(3, secondsAgo);
            s.execute();
        }
    }

    @Test
    @DisplayName("skips what arrived before, keeps to its channels and id order, and drops a young row's twin once")
    void exact() throws Exception {
        ReplayTable table = table();
        Replayer replayer = new Replayer(table, Duration.ofSeconds(30));
        try (Connection c = db.connect()) {
            table.ensure(c);
            long now = System.nanoTime();
            replayer.received("ch", "a", now - 4 * SECOND);
            replayer.received("ch", "b", now - 4 * SECOND);
            replayer.alive(now - 3 * SECOND); // reaches back about 8 s
            insert(c, table, "ch", "old", 7); // inside the reach, older than the 5 s margin
            insert(c, table, "ch", "a", 4);
            insert(c, table, "other", "x", 1); // not listened to
            insert(c, table, "ch", "b", 4);
            insert(c, table, "ch", "c", 1);
            insert(c, table, "ch", "c", 1); // twice published, twice delivered
            insert(c, table, "ch", "too old", 20);

            List<String> delivered = new ArrayList<>();
            Replayer.Outcome outcome = replayer.replay(c, List.of("ch"), (channel, payload) -> delivered.add(payload));

            assertThat(delivered).containsExactly("old", "c", "c");
            assertThat(outcome.replayed()).isEqualTo(3);
            assertThat(outcome.skipped()).isEqualTo(2);
            assertThat(outcome.covered()).isTrue();
            assertThat(c.getAutoCommit()).as("the listener's connection is back in autocommit").isTrue();
            long later = System.nanoTime();
            assertThat(replayer.received("ch", "c", later)).as("the first twin of c").isFalse();
            assertThat(replayer.received("ch", "c", later)).as("the second twin of c").isFalse();
            assertThat(replayer.received("ch", "c", later)).as("a third c is new").isTrue();
            assertThat(replayer.received("ch", "old", later)).as("an old row has no twin").isTrue();
            assertThat(replayer.replayedTotal()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("an outage longer than the window is replayed as far as held, and said not covered")
    void beyondTheWindow() throws Exception {
        ReplayTable table = table();
        Replayer replayer = new Replayer(table, Duration.ofSeconds(3));
        try (Connection c = db.connect()) {
            table.ensure(c);
            replayer.alive(System.nanoTime() - SECOND); // 1 s + the 5 s margin > 3 s
            insert(c, table, "ch", "held", 1);
            List<String> delivered = new ArrayList<>();
            Replayer.Outcome outcome = replayer.replay(c, List.of("ch"), (channel, payload) -> delivered.add(payload));
            assertThat(outcome.covered()).isFalse();
            assertThat(delivered).containsExactly("held");
        }
    }

    @Test
    @DisplayName("nothing to resume before the first connection was alive")
    void neverAlive() throws Exception {
        ReplayTable table = table();
        try (Connection c = db.connect()) {
            assertThat(new Replayer(table, Duration.ofSeconds(30)).replay(c, List.of("ch"), (ch, p) -> true)).isNull();
        }
    }
}
