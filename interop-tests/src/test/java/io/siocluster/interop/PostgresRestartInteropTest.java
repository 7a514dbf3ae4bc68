package io.siocluster.interop;

import static io.siocluster.interop.harness.Waits.eventually;
import static io.siocluster.interop.harness.Waits.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.interop.harness.ClusterNames;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL restarting under a mixed cluster, on an embedded server of this class's own. */
@DisplayName("A PostgreSQL restart under a mixed cluster")
class PostgresRestartInteropTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.privateEmbedded();

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    /** Heartbeats fast enough that the crashed Node server is forgotten within a few seconds. */
    private static final Duration BEAT = Duration.ofSeconds(1);

    @Test
    @DisplayName("Java nodes hear each other again after a restart; the Node server 0.5.0 does not survive it (defect)")
    void restart(PostgresDatabase db) {
        ClusterNames names = ClusterNames.create(db, "restart");
        NodeServer server = NODE.startServer(db, names.nodeServer("node-restart").heartbeats(BEAT, Duration.ofSeconds(5)));
        NodeClients clients = NODE.startClients("clients-restart");
        clients.connect(Connection.websocket("n-1", server.url()));
        try (JavaNode a = JavaNode.start("java-restart-a", db, names.table(), javaOptions(names));
                JavaNode b = JavaNode.start("java-restart-b", db, names.table(), javaOptions(names))) {
            b.connect("b-1", null);
            eventually().until(() -> server.serverCount() == 3 && a.serverCount() == 3 && b.serverCount() == 3);

            EmbeddedPostgresServer postgres = db.embeddedServer().orElseThrow();
            postgres.stop();
            postgres.startAgain();

            within(Duration.ofSeconds(20)).until(() -> a.transport().liveness().state() == LivenessState.UP
                    && b.transport().liveness().state() == LivenessState.UP);
            // What was published while the database was down is gone: send until one message gets through.
            AtomicInteger attempt = new AtomicInteger();
            within(Duration.ofSeconds(20)).until(() -> {
                String event = "after-restart-" + attempt.incrementAndGet();
                a.namespace().broadcast(BroadcastPacket.event(event), BroadcastOptions.ALL).toCompletableFuture().join();
                return IntStream.rangeClosed(1, attempt.get()).anyMatch(i -> !b.local().receivers("after-restart-" + i).isEmpty());
            });

            // The adapter's LISTEN client has no 'error' listener: PostgreSQL ending the connection (57P01) is an
            // unhandled 'error' event, and Node.js ends the process.
            within(Duration.ofSeconds(20)).until(() -> !server.process().isAlive());
            assertThat(server.process().exitCode()).isEqualTo(1);
            assertThat(server.process().log()).contains("Emitted 'error' event on Client instance", "57P01");

            // A Node server started after the restart and the Java nodes find each other and talk.
            NodeServer replacement = NODE.startServer(db, names.nodeServer("node-after-restart").heartbeats(BEAT, Duration.ofSeconds(5)));
            clients.connect(Connection.websocket("n-2", replacement.url()));
            eventually().until(() -> replacement.serverCount() == 3 && a.serverCount() == 3);
            a.namespace().broadcast(BroadcastPacket.event("java-after-restart"), BroadcastOptions.ALL).toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(clients.receivers("java-after-restart")).containsExactly("n-2"));
        }
    }

    private static ClusterOptions javaOptions(ClusterNames names) {
        return JavaNode.options(names.channelPrefix()).heartbeatInterval(BEAT).heartbeatTimeout(Duration.ofSeconds(3)).build();
    }
}
