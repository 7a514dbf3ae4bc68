package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.FreezableProxy;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A network path that goes silent is not noticed by a blocked read: the listener's isValid() ping must
 * find it, report DOWN, and reconnect once the path is back.
 */
@ExtendWith(PostgresExtension.class)
class NetworkDropTest {

    private final PostgresDatabase db;

    NetworkDropTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    void aSilentNetworkIsFoundByThePingAndRecovered() throws Exception {
        String table = db.uniqueTableName("netdrop");
        try (FreezableProxy proxy = new FreezableProxy(db)) {
            String viaProxy = proxy.jdbcUrl();
            try (Transport node = PostgresTransport.create(TestTransports.options(db, table)
                            .option(PostgresOptions.LISTENER_URL, viaProxy)
                            .option(PostgresOptions.PING_INTERVAL, Duration.ofSeconds(1)).build());
                    Transport publisher = PostgresTransport.create(TestTransports.options(db, table).build())) {
                String channel = db.uniqueName("drop");
                MessageRecorder recorder = new MessageRecorder();
                join(node.messaging().subscribe(channel, recorder).ready());
                await().atMost(Duration.ofSeconds(10)).until(() -> publisher.liveness().state() == LivenessState.UP);
                LivenessRecorder events = new LivenessRecorder();
                node.liveness().addListener(events);

                proxy.freeze();
                long frozenAt = System.nanoTime();
                events.awaitEvent("NetworkDropTest", LivenessEvent.DOWN, Duration.ofSeconds(10));
                Duration detection = Duration.ofNanos(System.nanoTime() - frozenAt);
                proxy.thaw();

                events.awaitEvent("NetworkDropTest", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(10));
                join(publisher.messaging().publish(channel, "after the drop"));
                recorder.awaitPayload("after the drop", "after the drop", Duration.ofSeconds(5));
                assertThat(detection).as("ping interval 1 s + ping timeout 1 s, with slack").isLessThan(Duration.ofSeconds(5));
                assertThat(events.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
            }
        }
    }
}
