package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL restarts (fast shutdown, down about a second, started again on the same port) while one cluster
 * node broadcasts 200 messages a second to another. Both nodes lose their connections: what the sender could
 * not publish meanwhile it knows (its publishes fail), and the receiver counts it missed from the numbers. With
 * replay on, nothing PostgreSQL confirmed is lost, nothing arrives twice and the order holds; with replay off,
 * every message that did not arrive is counted missed. "Every message" is every numbered one, heartbeats
 * included (the nodes answer each other's re-announcements), as the receiver's transport saw them. On an
 * embedded PostgreSQL of its own.
 */
@DisplayName("a PostgreSQL restart mid-traffic, replay on and off")
class ReplayServerRestartTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.privateEmbedded();

    private static final int MESSAGES = 2_000;
    private static final int RESTART_AT = 400;
    private static final long PERIOD_MICROS = 5_000; // 200 messages a second

    private static ClusterOutageRun.Figures run(PostgresDatabase db, String name, boolean replay, Set<Integer> confirmed) {
        EmbeddedPostgresServer server = db.embeddedServer().orElseThrow();
        String table = db.uniqueTableName("replayrestart");
        TransportOptions options = TestTransports.options(db, table).option(PostgresOptions.REPLAY, replay)
                .option(PostgresOptions.PING_INTERVAL, Duration.ofSeconds(1)).build();
        try {
            return ClusterOutageRun.run(name, options, options, MESSAGES, RESTART_AT, PERIOD_MICROS, node -> () -> {
                server.stop();
                Thread.sleep(1_000);
                server.startAgain();
            }, confirmed);
        } finally {
            server.startAgain(); // whatever happened, the next test gets a server
        }
    }

    @Test
    @DisplayName("replay on: nothing confirmed is lost, nothing twice, in order; what the sender could not publish is counted missed")
    void replayLosesNothingConfirmed(PostgresDatabase db) {
        Set<Integer> confirmed = new HashSet<>();
        ClusterOutageRun.Figures f = run(db, "ReplayServerRestartTest replay on", true, confirmed);

        assertThat(f.lost(confirmed)).as("confirmed by PostgreSQL, never received").isEmpty();
        assertThat(f.duplicates()).as("received twice").isZero();
        assertThat(f.ordered()).as("the sender's order").isTrue();
        assertThat(f.missedCounted()).as("counted missed = the sender's numbered messages that never arrived (its failed"
                + " publishes)").isEqualTo(f.lostNumbered()).isGreaterThanOrEqualTo(MESSAGES - f.distinctReceived());
        assertThat(f.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
    }

    @Test
    @DisplayName("replay off: every message that did not arrive is counted missed")
    void withoutReplayEveryLossIsCounted(PostgresDatabase db) {
        Set<Integer> confirmed = new HashSet<>();
        ClusterOutageRun.Figures f = run(db, "ReplayServerRestartTest replay off", false, confirmed);

        assertThat(f.duplicates()).isZero();
        assertThat(f.ordered()).isTrue();
        assertThat(f.missedCounted()).as("counted missed = the sender's numbered messages that never arrived")
                .isEqualTo(f.lostNumbered()).isGreaterThanOrEqualTo(MESSAGES - f.distinctReceived());
        assertThat(f.distinctReceived()).as("a restart loses messages").isLessThan(MESSAGES);
        assertThat(f.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
    }
}
