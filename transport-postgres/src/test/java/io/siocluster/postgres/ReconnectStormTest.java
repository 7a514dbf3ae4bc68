package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.testsupport.FreezableProxy;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that accepts the listener's connections and drops each one moments later (a crash-looping
 * pooler, a load balancer with a dead backend) must not be redialled in a tight loop: connecting succeeds
 * every time, so only a connection that stayed up for a while may restart the backoff.
 */
@ExtendWith(PostgresExtension.class)
class ReconnectStormTest {

    private static final Duration LIFETIME = Duration.ofMillis(200);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(2);

    private final PostgresDatabase db;

    ReconnectStormTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    void connectionsDroppedRightAfterConnectingAreRedialledWithGrowingBackoff() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(db)) {
            String viaProxy = proxy.jdbcUrl();
            try (Transport node = PostgresTransport.create(TestTransports.options(db, db.uniqueTableName("storm"))
                    .option(PostgresOptions.LISTENER_URL, viaProxy)
                    .option(PostgresOptions.RECONNECT_BACKOFF_MAX, BACKOFF_MAX).build())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> node.liveness().state() == LivenessState.UP);
                List<Long> downs = new CopyOnWriteArrayList<>();
                node.liveness().addListener(event -> {
                    if (event == LivenessEvent.DOWN) {
                        downs.add(System.nanoTime());
                    }
                });

                proxy.dropEachConnectionAfter(LIFETIME);
                proxy.dropConnections(); // the healthy connection goes first; every redial then dies young
                await().atMost(Duration.ofSeconds(30)).until(() -> downs.size() >= 8);
                Duration sevenRounds = Duration.ofNanos(downs.get(7) - downs.get(0));

                // Each round is a backoff wait plus 200 ms of life. Jittered waits are at least half their
                // ceiling (100 ms doubling, capped at 2 s): 50+100+200+400+800+1000+1000 ms, plus 7 lives of
                // 200 ms, is 4.95 s at the least. Redialling at once, seven rounds take about 1.5-2 s.
                assertThat(sevenRounds).as("seven connect-and-drop rounds").isGreaterThan(Duration.ofSeconds(4));

                proxy.dropEachConnectionAfter(Duration.ZERO);
                await("the listener stays up once connections last").atMost(BACKOFF_MAX.multipliedBy(4))
                        .during(LIFETIME.multipliedBy(3)).until(() -> node.liveness().state() == LivenessState.UP);
            }
        }
    }
}
