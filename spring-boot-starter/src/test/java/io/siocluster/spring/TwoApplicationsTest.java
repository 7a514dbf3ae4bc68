package io.siocluster.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.siocluster.core.cluster.ClusterHealth;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** Two Spring Boot applications on one PostgreSQL form one cluster, configured by properties alone. */
@DisplayName("two Spring Boot applications, one cluster")
@ExtendWith(PostgresExtension.class)
class TwoApplicationsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @DisplayName("a client of one application receives a broadcast made on the other; metrics and health show the cluster")
    void oneCluster(PostgresDatabase db) {
        String table = "sio.cluster.table-name=" + db.uniqueTableName("spring");
        int portA = TestApps.freePort();
        int portB = TestApps.freePort();
        try (ConfigurableApplicationContext a = TestApps.run(TestApps.SocketIoAppWithDataSource.class, db, portA,
                     table);
             ConfigurableApplicationContext b = TestApps.run(TestApps.SocketIoAppWithDataSource.class, db, portB,
                     table)) {
            SocketIOCluster clusterA = a.getBean(SocketIOCluster.class);
            SocketIOCluster clusterB = b.getBean(SocketIOCluster.class);
            await().atMost(WAIT).until(() -> clusterA.of("/").serverCount().toCompletableFuture().join() == 2
                    && clusterB.of("/").serverCount().toCompletableFuture().join() == 2);

            List<Object> received = new CopyOnWriteArrayList<>();
            Socket client = IO.socket(URI.create("http://127.0.0.1:" + portA), IO.Options.builder().setForceNew(true)
                    .setReconnection(false).setTransports(new String[] {"websocket"}).build());
            client.on("news", args -> received.add(args[0]));
            client.connect();
            try {
                await().atMost(WAIT).until(client::connected);
                b.getBean(SocketIOServer.class).getBroadcastOperations().sendEvent("news", "from b");
                await().atMost(WAIT).until(() -> received.contains("from b"));
            } finally {
                client.close();
            }

            MeterRegistry metricsA = a.getBean(MeterRegistry.class);
            assertThat(metricsA.get("siocluster.messages.received").tag("type", "broadcast").functionCounter().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(b.getBean(MeterRegistry.class).get("siocluster.messages.published").tag("type", "broadcast")
                    .functionCounter().count()).isGreaterThanOrEqualTo(1);
            assertThat(metricsA.get("siocluster.health").tag("status", "up").gauge().value()).isEqualTo(1);

            Health health = a.getBean(SioClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("peers", 1).containsEntry("transport", "up");

            b.close();
            assertThat(clusterB.health().status()).isEqualTo(ClusterHealth.Status.DOWN);
            await().atMost(WAIT).until(() -> clusterA.of("/").serverCount().toCompletableFuture().join() == 1);
        }
    }
}
