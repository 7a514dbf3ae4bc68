package io.siocluster.reliability;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.tck.cluster.FakeLocalSide;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A peer in a JVM of its own, for a test to kill with {@code kill -9}: joins the cluster of the given table and
 * channel prefix with one socket {@code p1}, answers {@code serverSideEmit} with acks ("pong"), prints
 * {@code READY <uid>} on stdout and runs until its stdin closes (or it is killed).
 *
 * <p>Arguments: JDBC URL, table, channel prefix, heartbeat interval and timeout in milliseconds.
 */
public final class PeerMain {

    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        TransportOptions options = TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, PostgresTransport.PROVIDER_NAME)
                .option(PostgresOptions.URL, args[0])
                .option(PostgresOptions.TABLE_NAME, args[1])
                .build();
        try (Transport transport = Transports.create(options);
                ClusterNode node = ClusterNode.start(transport, ClusterOptions.builder().channelPrefix(args[2])
                        .discoveryWindow(Duration.ofMillis(300))
                        .heartbeatInterval(Duration.ofMillis(Long.parseLong(args[3])))
                        .heartbeatTimeout(Duration.ofMillis(Long.parseLong(args[4]))).build())) {
            FakeLocalSide sockets = new FakeLocalSide("peer").addSocket("p1");
            sockets.answerServerSideEmitWith(packet -> Optional.of("pong"));
            ClusterNamespace namespace = node.namespace("/", sockets);
            namespace.ready().toCompletableFuture().get(30, TimeUnit.SECONDS);
            System.out.println("READY " + namespace.uid());
            System.out.flush();
            waitForStdinToClose();
        }
    }

    private static void waitForStdinToClose() throws IOException {
        while (System.in.read() >= 0) {
            // the test never writes: it closes stdin to stop this peer politely, or kills it
        }
    }
}
