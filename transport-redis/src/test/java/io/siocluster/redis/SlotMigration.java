package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

/** Moves one hash slot between primaries of a test cluster the way {@code redis-cli --cluster reshard} does. */
final class SlotMigration {

    private SlotMigration() {
    }

    /**
     * {@code CLUSTER SETSLOT IMPORTING} on the target, {@code MIGRATING} on the source, {@code MIGRATE} of each key
     * (while a key is on its way, the source answers {@code ASK} for it), then {@code SETSLOT NODE} on every node.
     */
    static void migrate(RedisClusterServers cluster, int slot, int from, int to) {
        String fromId = cluster.cli(from, "cluster", "myid").trim();
        String toId = cluster.cli(to, "cluster", "myid").trim();
        String s = Integer.toString(slot);
        assertThat(cluster.cli(to, "cluster", "setslot", s, "importing", fromId)).contains("OK");
        assertThat(cluster.cli(from, "cluster", "setslot", s, "migrating", toId)).contains("OK");
        for (String key : cluster.cli(from, "cluster", "getkeysinslot", s, "100").split("\n")) {
            if (!key.isBlank()) {
                assertThat(cluster.cli(from, "migrate", "127.0.0.1", Integer.toString(cluster.port(to)), key.trim(), "0", "5000"))
                        .contains("OK");
            }
        }
        // the new owner first, then the old one, then the rest, as redis-cli does: the other way round, for a moment
        // the old owner sends MOVED to a node still importing, which sends MOVED back
        assertThat(cluster.cli(to, "cluster", "setslot", s, "node", toId)).contains("OK");
        assertThat(cluster.cli(from, "cluster", "setslot", s, "node", toId)).contains("OK");
        for (int node = 0; node < cluster.size(); node++) {
            if (node != to && node != from) {
                assertThat(cluster.cli(node, "cluster", "setslot", s, "node", toId)).contains("OK");
            }
        }
        cluster.awaitOk();
    }
}
