package io.siocluster.interop;

import static io.siocluster.interop.harness.Waits.eventually;
import static io.siocluster.interop.harness.Waits.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.interop.harness.ClusterNames;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.SocketView;
import io.siocluster.interop.harness.Target;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node of either language leaving a mixed cluster, the orderly way (ADAPTER_CLOSE) and by dying (its heartbeats
 * stop), and the other side noticing. Each test starts its own pair of nodes.
 */
@ExtendWith(PostgresExtension.class)
@DisplayName("A node leaving a mixed cluster")
class MembershipInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    /** Long enough that a peer dropped well within it was dropped by its goodbye, not by silence. */
    private static final Duration SLOW_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FAST_INTERVAL = Duration.ofMillis(500);
    private static final Duration FAST_TIMEOUT = Duration.ofSeconds(2);

    private static ClusterNames names;

    @BeforeAll
    static void names(PostgresDatabase db) {
        names = ClusterNames.create(db, "membership");
    }

    @Test
    @DisplayName("a Node server that closes (io.close, ADAPTER_CLOSE) is dropped by the Java node at once")
    void nodeCloses(PostgresDatabase db) {
        NodeServer server = NODE.startServer(db, names.nodeServer("node-closing"));
        try (JavaNode java = JavaNode.start("java-watching-close", db, names.table(),
                JavaNode.options(names.channelPrefix()).heartbeatTimeout(SLOW_TIMEOUT).build())) {
            eventually().until(() -> java.namespace().peers().contains(server.uid()) && server.serverCount() == 2);

            server.close();

            within(Duration.ofSeconds(3)).until(() -> !java.namespace().peers().contains(server.uid()));
            assertThat(java.serverCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a Node server that is killed is dropped by the Java node after heartbeatTimeout; requests stop waiting for it")
    void nodeKilled(PostgresDatabase db) {
        NodeServer server = NODE.startServer(db, names.nodeServer("node-killed").heartbeats(FAST_INTERVAL, FAST_TIMEOUT));
        try (JavaNode java = JavaNode.start("java-watching-kill", db, names.table(),
                JavaNode.options(names.channelPrefix()).heartbeatInterval(FAST_INTERVAL).heartbeatTimeout(FAST_TIMEOUT).build())) {
            java.connect("j-1", null);
            eventually().until(() -> java.namespace().peers().contains(server.uid()) && server.serverCount() == 2);

            server.kill();
            long killedAt = System.nanoTime();
            CompletableFuture<List<SocketDetails>> fetch = java.namespace()
                    .fetchSockets(BroadcastOptions.ALL.withFlags(BroadcastOptions.ALL.flags().toBuilder().timeoutMillis(15_000).build()))
                    .toCompletableFuture();

            within(Duration.ofSeconds(8)).until(() -> !java.namespace().peers().contains(server.uid()));
            Duration noticedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(noticedAfter).as("dropped by silence, not at once").isGreaterThan(Duration.ofMillis(900));
            // The pending fetchSockets waited for the dead peer only until it was declared gone, not 15 s.
            assertThat(fetch.orTimeout(5, TimeUnit.SECONDS).join())
                    .extracting(SocketDetails::id).containsExactly("j-1");
        }
    }

    @Test
    @DisplayName("a Java node that closes (ADAPTER_CLOSE) is dropped by the Node server at once")
    void javaCloses(PostgresDatabase db) {
        NodeServer server = NODE.startServer(db, names.nodeServer("node-watching-close"));
        JavaNode java = JavaNode.start("java-closing", db, names);
        eventually().until(() -> server.serverCount() == 2);

        java.close();

        within(Duration.ofSeconds(3)).until(() -> server.serverCount() == 1);
        server.close();
    }

    @Test
    @DisplayName("a Java node that dies (connections gone, no goodbye) is dropped by the Node server after heartbeatTimeout")
    void javaDies(PostgresDatabase db) {
        NodeServer server = NODE.startServer(db, names.nodeServer("node-watching-death").heartbeats(FAST_INTERVAL, Duration.ofMillis(1500)));
        NodeClients clients = NODE.startClients("clients-membership");
        clients.connect(Connection.websocket("n-1", server.url()));
        JavaNode java = JavaNode.start("java-dying", db, names.table(),
                JavaNode.options(names.channelPrefix()).heartbeatInterval(FAST_INTERVAL).heartbeatTimeout(FAST_TIMEOUT).build());
        java.connect("j-1", null);
        eventually().until(() -> server.serverCount() == 2);
        assertThat(server.fetchSockets(Target.all())).extracting(SocketView::id).contains("j-1");

        java.crash();
        long diedAt = System.nanoTime();
        // Node's fetchSockets still waits for the dead node until its heartbeat timeout (1.5 s, checked every second)
        // drops it, well before the request's own 5 s timeout.
        List<SocketView> sockets = server.fetchSockets(Target.all());

        assertThat(sockets).extracting(SocketView::id).containsExactly(clients.id("n-1"));
        assertThat(Duration.ofNanos(System.nanoTime() - diedAt)).isLessThan(Duration.ofSeconds(5));
        within(Duration.ofSeconds(8)).until(() -> server.serverCount() == 1);
        server.close();
    }
}
