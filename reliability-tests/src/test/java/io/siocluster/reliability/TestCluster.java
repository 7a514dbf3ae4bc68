package io.siocluster.reliability;

import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.testsupport.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes of one test's cluster on the test database, with a table and channel prefix of their own (so no other
 * test's traffic reaches them), short heartbeats (1 s, gone after 3 s) so faults show within seconds, and
 * everything closed, nodes first, at the end.
 */
final class TestCluster implements AutoCloseable {

    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

    private final PostgresDatabase db;
    private final String table;
    private final String prefix;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    TestCluster(PostgresDatabase db, String hint) {
        this.db = db;
        this.table = db.uniqueTableName(hint);
        this.prefix = db.uniqueName(hint);
    }

    /** The channel of the default namespace, where the nodes talk (and where a forger writes). */
    String channel() {
        return prefix + "#/";
    }

    String table() {
        return table;
    }

    String prefix() {
        return prefix;
    }

    /** The transport's options for {@code url} (the database's, or a proxy's in front of it). */
    TransportOptions.Builder transportOptions(String url) {
        TransportOptions.Builder builder = TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, PostgresTransport.PROVIDER_NAME)
                .option(PostgresOptions.URL, url)
                .option(PostgresOptions.TABLE_NAME, table)
                .option(PostgresOptions.RECONNECT_BACKOFF_MAX, Duration.ofMillis(500));
        db.user().ifPresent(user -> builder.option(PostgresOptions.USER, user));
        db.password().ifPresent(password -> builder.option(PostgresOptions.PASSWORD, password));
        return builder;
    }

    /** The cluster's options: its prefix, a short discovery window and short heartbeats. */
    ClusterOptions.Builder clusterOptions() {
        return ClusterOptions.builder().channelPrefix(prefix).discoveryWindow(Duration.ofMillis(300))
                .heartbeatInterval(HEARTBEAT_INTERVAL).heartbeatTimeout(HEARTBEAT_TIMEOUT);
    }

    /** A node on the database directly, with the cluster's options. */
    ClusterNode node() {
        return node(transportOptions(db.jdbcUrl()), clusterOptions().build());
    }

    ClusterNode node(TransportOptions.Builder transport, ClusterOptions options) {
        Transport created = Transports.create(transport.build());
        toClose.add(created);
        ClusterNode node = ClusterNode.start(created, options);
        toClose.add(node);
        return node;
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }
}
