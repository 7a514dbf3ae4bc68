package io.siocluster.redis.internal;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The links to a Redis Cluster: a control cluster connection (Lettuce routes each command by its key's slot and
 * follows {@code MOVED}/{@code ASK}), a publish cluster connection whose node connections {@link ClusterPublish}
 * writes to itself (Lettuce's routing does not keep a stream's XADDs in order), and one more cluster connection
 * per hash slot read,
 * because a multi-key XREAD is refused across slots ({@code CROSSSLOT}) and a blocking XREAD holds its
 * connection: each slot's XREAD runs alone on a connection of its own, routed to the slot's primary. Every
 * connection is opened again after any failure, on a freshly loaded topology (a resharding or failover moves
 * the reads with it).
 */
final class ClusterLinks implements Links {

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> publish;
    private final ClusterPublish publisher;
    private final StatefulRedisClusterConnection<String, String> control;
    private final String runId;
    private final Set<Object> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ClusterLinks(RedisClusterClient client, StatefulRedisClusterConnection<String, String> publish,
            StatefulRedisClusterConnection<String, String> control, String runId, String instanceName) {
        this.client = client;
        this.publish = publish;
        this.publisher = new ClusterPublish(client, publish, instanceName);
        this.control = control;
        this.runId = runId;
    }

    /** Loads the topology and opens the two shared connections; blocks the calling thread (the control thread). */
    static ClusterLinks open(RedisClusterClient client, String instanceName, Duration timeout) throws Exception {
        StatefulRedisClusterConnection<String, String> publish = null;
        StatefulRedisClusterConnection<String, String> control = null;
        try {
            publish = client.connect(StringCodec.UTF8);
            client.refreshPartitions(); // after an outage the slots may have moved: read where they are now
            control = client.connect(StringCodec.UTF8);
            long millis = timeout.toMillis();
            List<String> runIds = new ArrayList<>();
            for (RedisClusterNode node : client.getPartitions()) {
                if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.getSlots().isEmpty()) {
                    continue;
                }
                RedisURI uri = node.getUri();
                // Open the publisher's connection to every primary now, so the first XADDs need not wait for one.
                publish.getConnection(uri.getHost(), uri.getPort());
                String info = control.getConnection(uri.getHost(), uri.getPort()).async().info("server")
                        .get(millis, TimeUnit.MILLISECONDS);
                runIds.add(node.getNodeId() + "=" + StandaloneLinks.runId(info));
            }
            if (runIds.isEmpty()) {
                throw new io.lettuce.core.RedisConnectionException("the Redis Cluster has no primary serving slots");
            }
            Collections.sort(runIds);
            return new ClusterLinks(client, publish, control, String.join(",", runIds), instanceName);
        } catch (Exception | Error e) {
            if (publish != null) {
                publish.closeAsync();
            }
            if (control != null) {
                control.closeAsync();
            }
            throw e;
        }
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public PublishLink publish() {
        return publisher;
    }

    @Override
    public RedisStreamAsyncCommands<String, String> streams() {
        return control.async();
    }

    @Override
    public boolean cluster() {
        return true;
    }

    @Override
    public int slotOf(String key) {
        return SlotHash.getSlot(key);
    }

    @Override
    public CompletableFuture<ReadLink> openReader() {
        return client.connectAsync(ByteArrayCodec.INSTANCE).thenApply(connection -> {
            readers.add(connection);
            if (closed) { // closed meanwhile: close() did not see this one
                connection.closeAsync();
            }
            return new ReadLink(connection, connection.async(), connection.async());
        });
    }

    @Override
    public void slotsMoved() {
        client.refreshPartitionsAsync(); // a failure leaves the old map: the next redirect asks again
    }

    @Override
    public void release(ReadLink reader) {
        readers.remove(reader.connection()); // first, so its disconnect is not taken for a failure of these links
        reader.close();
    }

    @Override
    public CompletableFuture<Long> unblockReader() {
        throw new UnsupportedOperationException("a cluster reader is replaced, not unblocked");
    }

    @Override
    public CompletableFuture<String> probe() {
        return control.async().ping().toCompletableFuture();
    }

    @Override
    public boolean holds(Object connection) {
        return connection == publish || connection == control || readers.contains(connection);
    }

    @Override
    public void close() {
        closeAll();
    }

    @Override
    public void closeAndWait(long millis) {
        try {
            CompletableFuture.allOf(closeAll().toArray(CompletableFuture[]::new)).get(millis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // closing anyway: the client's shutdown closes what is left
        }
    }

    private List<CompletableFuture<Void>> closeAll() {
        closed = true;
        publisher.close();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        closing.add(publish.closeAsync());
        closing.add(control.closeAsync());
        for (Object reader : readers) {
            closing.add(((StatefulRedisClusterConnection<?, ?>) reader).closeAsync());
        }
        return closing;
    }
}
