package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The receiving node's LISTEN backend is killed ({@code pg_terminate_backend}) while a peer broadcasts 200
 * messages a second between two cluster nodes. With replay on nothing the peer published is lost, nothing is
 * delivered twice and the peer's order holds; with replay off, every message lost is counted missed.
 */
@DisplayName("a killed LISTEN backend mid-traffic, replay on and off")
@ExtendWith(PostgresExtension.class)
class ReplayBackendKillTest {

    private static final int MESSAGES = 1_000;
    private static final int KILL_AT = 300;
    private static final long PERIOD_MICROS = 5_000; // 200 messages a second

    private final PostgresDatabase db;

    ReplayBackendKillTest(PostgresDatabase db) {
        this.db = db;
    }

    @AfterAll
    static void dropReplayTables(PostgresDatabase db) throws SQLException {
        ReplayTables.dropAll(db, "replaykill");
    }

    private ClusterOutageRun.Figures run(String name, boolean replay, Set<Integer> confirmed) {
        String table = db.uniqueTableName("replaykill");
        ListenerFaults faults = new ListenerFaults(db);
        TransportOptions receiver = faults.install(TestTransports.options(db, table)
                .option(PostgresOptions.REPLAY, replay)).build();
        TransportOptions sender = TestTransports.options(db, table).option(PostgresOptions.REPLAY, replay).build();
        return ClusterOutageRun.run(name, receiver, sender, MESSAGES, KILL_AT, PERIOD_MICROS,
                node -> () -> faults.cut(node).close(), confirmed); // reconnecting stays allowed
    }

    @Test
    @DisplayName("replay on: 0 lost, 0 twice, in order, reported UP")
    void replayLosesNothing() {
        Set<Integer> confirmed = new HashSet<>();
        ClusterOutageRun.Figures f = run("ReplayBackendKillTest replay on", true, confirmed);

        assertThat(confirmed).as("the sender was not cut: every publish confirmed").hasSize(MESSAGES);
        assertThat(f.lost(confirmed)).as("confirmed, never received").isEmpty();
        assertThat(f.duplicates()).as("received twice").isZero();
        assertThat(f.ordered()).as("the sender's order").isTrue();
        assertThat(f.received()).hasSize(MESSAGES);
        assertThat(f.replayed()).as("the outage's messages came by replay").isPositive();
        assertThat(f.missedCounted()).isZero();
        assertThat(f.lostNumbered()).as("numbered messages of any type that never arrived").isZero();
        assertThat(f.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
    }

    @Test
    @DisplayName("replay off: what is lost is exactly what the core counts missed")
    void withoutReplayEveryLossIsCounted() {
        Set<Integer> confirmed = new HashSet<>();
        ClusterOutageRun.Figures f = run("ReplayBackendKillTest replay off", false, confirmed);

        assertThat(f.duplicates()).isZero();
        assertThat(f.ordered()).isTrue();
        assertThat(f.missedCounted()).as("counted missed = the sender's numbered messages that never arrived")
                .isEqualTo(f.lostNumbered()).isEqualTo(MESSAGES - f.distinctReceived());
        assertThat(f.lost(confirmed)).as("a kill loses messages without replay").isNotEmpty();
        assertThat(f.replayed()).isZero();
        assertThat(f.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
    }
}
