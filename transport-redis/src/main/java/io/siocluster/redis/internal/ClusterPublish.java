package io.siocluster.redis.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.siocluster.spi.support.NamedThreads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's XADDs on a Redis Cluster, kept in order per stream by construction. Lettuce's own routing
 * cannot promise that: a command whose node connection is still being opened waits as a dependent of that
 * connection's future, and such dependents run in any order; a redirected command is sent again after commands
 * written since; and a pipelined connection flushed from two threads lets the second flush overtake the first
 * (its buffer is drained under a lock but written to the socket outside it). So here every hash slot is a lane
 * with one route, a plain connection to one node, and every write and every decision runs on one thread, the
 * writer:
 * <ul>
 * <li>a batch is written as one pipelined write per node connection ({@code dispatch} of the list, flushed once),
 *     in the order the publisher queued it;</li>
 * <li>a lane's XADDs wait (in order) while its connection is opened, and while it reroutes;</li>
 * <li>an answer {@code MOVED}/{@code ASK} (the slot moved or is moving; the XADD was not run) stops the lane: the
 *     XADDs written after it, which Redis redirects too (a stream is one key in one slot), are collected as they
 *     answer, and once none is left in flight the redirected ones and everything queued behind them are written
 *     again, in order, to the node the last redirect named (after {@code ASKING} for an {@code ASK});</li>
 * <li>any other failure of the connection (closed, refused) breaks the lane: what waits in it fails, and the
 *     publisher reports the links lost, so everything is reconnected on a fresh slot map. A command Redis refused
 *     for another reason ({@code WRONGTYPE}, {@code CLUSTERDOWN}) fails alone, as on a standalone Redis.</li>
 * </ul>
 * A stream's entries are therefore stored in publishing order, whatever moves; entries already stored stay.
 */
final class ClusterPublish implements Links.PublishLink {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPublish.class);
    /** Redirects of one XADD after which the links are taken as lost and rebuilt on a fresh slot map. */
    private static final int MAX_REDIRECTS = 16;
    /** Failed attempts to open a lane's connection (each after a slot map refresh) before the links are lost. */
    private static final int MAX_CONNECT_ATTEMPTS = 5;
    /** The least time between two slot map refreshes this writer asks for. */
    private static final long REFRESH_INTERVAL_MILLIS = 500;

    private final RedisClusterClient client;
    /** A cluster connection used only for its node connections (auto-flush on: each dispatch is one flushed write). */
    private final StatefulRedisClusterConnection<String, String> nodes;
    private final ScheduledThreadPoolExecutor writer;
    private final RareLog unexpected = new RareLog(LOG);
    /** Queued since the last flush, by the holder of the publisher's right to write (one thread at a time). */
    private List<Entry> pending = new ArrayList<>();
    private volatile boolean closed;
    // writer thread only
    private final Map<Integer, Lane> lanes = new HashMap<>();
    private long lastRefresh;

    /** One XADD: its stream, its slot, its content, its answer (kept across attempts), how often it was redirected. */
    private static final class Entry {
        final String key;
        final int slot;
        final XAddArgs trim;
        final @Nullable String payload;
        final @Nullable Map<String, String> fields;
        final CompletableFuture<String> result = new CompletableFuture<>();
        int redirects;

        Entry(String key, XAddArgs trim, @Nullable String payload, @Nullable Map<String, String> fields) {
            this.key = key;
            this.slot = SlotHash.getSlot(key);
            this.trim = trim;
            this.payload = payload;
            this.fields = fields;
        }
    }

    /** One hash slot's XADDs: where they go and what waits. */
    private static final class Lane {
        final int slot;
        @Nullable String host;
        int port;
        boolean asking;
        /** Open and usable; null while opening or rerouting. */
        @Nullable StatefulRedisConnection<String, String> connection;
        /** A route is being opened, or will be shortly (scheduled): nothing else may start one. */
        boolean opening;
        int connectAttempts;
        int inFlight;
        /** Not yet written, in order: written once the lane is ready. */
        final ArrayDeque<Entry> waiting = new ArrayDeque<>();
        /** Answered with a redirect while rerouting, in order: written again first. */
        final List<Entry> redirected = new ArrayList<>();
        @Nullable Redirect redirect;
        @Nullable Throwable broken;

        Lane(int slot) {
            this.slot = slot;
        }

        boolean ready() {
            return connection != null && redirect == null && waiting.isEmpty() && broken == null;
        }
    }

    /** One pipelined write to one node connection: its entries and their XADDs, in order. */
    private record Write(List<Entry> entries, List<AsyncCommand<String, String, String>> xadds) {
    }

    ClusterPublish(RedisClusterClient client, StatefulRedisClusterConnection<String, String> nodes, String instanceName) {
        this.client = client;
        this.nodes = nodes;
        this.writer = new ScheduledThreadPoolExecutor(1, NamedThreads.single(instanceName, "cluster-publisher"));
        writer.setRemoveOnCancelPolicy(true);
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending reroute dies with the writer
    }

    // ---- the holder of the publisher's right to write -------------------------------------------------

    /** Always: a flush hands its batch to the writer thread, in the order of flushes, whichever thread flushes. */
    @Override
    public boolean mayWriteFromHere() {
        return true;
    }

    @Override
    public CompletableFuture<String> xadd(String key, XAddArgs trim, @Nullable String payload,
            @Nullable Map<String, String> fields) {
        Entry entry = new Entry(key, trim, payload, fields);
        pending.add(entry);
        return entry.result;
    }

    @Override
    public void flush() {
        List<Entry> batch = pending;
        if (batch.isEmpty()) {
            return;
        }
        pending = new ArrayList<>();
        onWriter(() -> accept(batch), () -> fail(batch, closedFailure()));
    }

    @Override
    public Object connection() {
        return nodes;
    }

    /** Stops the writer; what waits or is still unanswered fails (the node connections close with the links). */
    void close() {
        closed = true;
        onWriter(() -> {
            for (Lane lane : lanes.values()) {
                breakLane(lane, closedFailure());
            }
            writer.shutdown();
        }, () -> { });
    }

    // ---- writer thread ---------------------------------------------------------------------------------

    private void accept(List<Entry> batch) {
        Map<StatefulRedisConnection<String, String>, List<Entry>> writes = new IdentityHashMap<>();
        for (Entry entry : batch) {
            Lane lane = lanes.computeIfAbsent(entry.slot, Lane::new);
            if (closed || lane.broken != null) {
                entry.result.completeExceptionally(lane.broken != null ? lane.broken : closedFailure());
            } else if (lane.ready()) {
                writes.computeIfAbsent(lane.connection, c -> new ArrayList<>()).add(entry);
            } else {
                lane.waiting.add(entry);
                if (lane.connection == null && !lane.opening && lane.redirect == null) {
                    routeToOwner(lane);
                }
            }
        }
        writes.forEach(this::write);
    }

    /** Writes {@code entries} (each lane's in order) to {@code connection} as one pipelined, flushed write. */
    private void write(StatefulRedisConnection<String, String> connection, List<Entry> entries) {
        List<RedisCommand<String, String, ?>> commands = new ArrayList<>(entries.size() * 2);
        List<AsyncCommand<String, String, String>> xadds = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Lane lane = lanes.get(entry.slot);
            lane.inFlight++;
            if (lane.asking) {
                commands.add(new AsyncCommand<>(new Command<>(CommandType.ASKING,
                        new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8))));
            }
            AsyncCommand<String, String, String> xadd = new AsyncCommand<>(xaddCommand(entry));
            commands.add(xadd);
            xadds.add(xadd);
        }
        Write write = new Write(entries, xadds);
        try {
            connection.dispatch(commands);
        } catch (RuntimeException e) {
            xadds.forEach(x -> x.completeExceptionally(e));
        }
        CompletableFuture.allOf(xadds.toArray(CompletableFuture[]::new))
                .whenComplete((ok, failure) -> onWriter(() -> answered(write), () -> failUnanswered(write)));
    }

    private static Command<String, String, String> xaddCommand(Entry entry) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey(entry.key);
        entry.trim.build(args);
        if (entry.fields == null) {
            args.addKey("payload").addValue(entry.payload);
        } else {
            args.add(entry.fields);
        }
        return new Command<>(CommandType.XADD, new StatusOutput<>(StringCodec.UTF8), args);
    }

    /** Every XADD of {@code write} answered: completes them in order, and reroutes a lane once it is drained. */
    private void answered(Write write) {
        Set<Lane> touched = new LinkedHashSet<>();
        for (int i = 0; i < write.entries.size(); i++) {
            Entry entry = write.entries.get(i);
            AsyncCommand<String, String, String> xadd = write.xadds.get(i);
            Lane lane = lanes.get(entry.slot);
            lane.inFlight--;
            touched.add(lane);
            Throwable failure = failureOf(xadd);
            Redirect redirect = failure == null ? null : Redirect.of(failure);
            if (failure == null) {
                if (lane.redirect != null) {
                    // Redis redirected an earlier XADD of this slot yet stored this one: the slot's owner changed
                    // back while they were in flight (a migration undone). Nothing can restore the order now.
                    unexpected.log("slot {}: an XADD was stored after an earlier one was redirected", lane.slot);
                }
                entry.result.complete(xadd.join());
            } else if (lane.broken != null || closed) {
                entry.result.completeExceptionally(lane.broken != null ? lane.broken : closedFailure());
            } else if (redirect != null) {
                entry.redirects++;
                lane.redirect = redirect;
                lane.connection = null; // nothing more is written to the old route
                lane.redirected.add(entry);
                if (entry.redirects > MAX_REDIRECTS) {
                    breakLane(lane, new RedisConnectionException("an XADD to slot " + lane.slot + " was redirected "
                            + entry.redirects + " times (last: " + failure.getMessage() + ")"));
                }
            } else if (failure instanceof RedisCommandExecutionException) {
                entry.result.completeExceptionally(failure); // refused alone; the lane goes on
            } else {
                breakLane(lane, failure);
                entry.result.completeExceptionally(failure);
            }
        }
        for (Lane lane : touched) {
            if (lane.redirect != null && lane.inFlight == 0 && lane.broken == null && !closed) {
                reroute(lane);
            } else if (lane.asking && lane.inFlight == 0 && ownedByRoute(lane)) {
                lane.asking = false; // the migration that sent it here with ASK is over: it owns the slot
            }
        }
    }

    /** A drained lane after a redirect: everything redirected goes first, then what waited, to the new route. */
    private void reroute(Lane lane) {
        Redirect redirect = lane.redirect;
        ArrayDeque<Entry> again = new ArrayDeque<>(lane.redirected);
        again.addAll(lane.waiting);
        lane.waiting.clear();
        lane.waiting.addAll(again);
        lane.redirected.clear();
        lane.redirect = null;
        lane.opening = true;
        refreshSlotMap();
        int redirects = again.isEmpty() ? 0 : again.peekFirst().redirects;
        if (redirect.host().isEmpty()) {
            later(redirects, () -> routeToOwner(lane)); // Redis names no endpoint: ask the (refreshed) map
        } else {
            // Ping-pong between nodes mid-migration (one has the slot set, the other not yet): back off a little.
            later(redirects, () -> open(lane, redirect.host(), redirect.port(), redirect.ask()));
        }
    }

    /** Whether the client's slot map names the lane's route as its slot's primary. */
    private boolean ownedByRoute(Lane lane) {
        RedisClusterNode owner = client.getPartitions().getMasterBySlot(lane.slot);
        return owner != null && owner.getUri().getPort() == lane.port && owner.getUri().getHost().equals(lane.host);
    }

    /** Routes a lane to its slot's primary, as the client's slot map says. */
    private void routeToOwner(Lane lane) {
        RedisClusterNode owner = client.getPartitions().getMasterBySlot(lane.slot);
        if (owner == null) {
            connectFailed(lane, new RedisConnectionException("no Redis Cluster node serves slot " + lane.slot));
            return;
        }
        open(lane, owner.getUri().getHost(), owner.getUri().getPort(), false);
    }

    private void open(Lane lane, String host, int port, boolean asking) {
        if (closed || lane.broken != null) {
            return;
        }
        lane.host = host;
        lane.port = port;
        lane.asking = asking;
        lane.opening = true;
        CompletableFuture<StatefulRedisConnection<String, String>> opening;
        try {
            opening = nodes.getConnectionAsync(host, port);
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e); // a node not (yet) in the slot map
        }
        opening.whenComplete((connection, failure) -> onWriter(() -> opened(lane, connection, failure), () -> { }));
    }

    private void opened(Lane lane, @Nullable StatefulRedisConnection<String, String> connection, @Nullable Throwable failure) {
        lane.opening = false;
        if (closed || lane.broken != null) {
            return;
        }
        if (failure != null || connection == null || !connection.isOpen()) {
            connectFailed(lane, failure != null ? failure : new RedisConnectionException("node connection closed"));
            return;
        }
        lane.connectAttempts = 0;
        lane.connection = connection;
        if (!lane.waiting.isEmpty()) {
            List<Entry> entries = new ArrayList<>(lane.waiting);
            lane.waiting.clear();
            write(connection, entries);
        }
    }

    /** Opening failed: ask for a fresh slot map and route to the owner it names, a few times; then the links are lost. */
    private void connectFailed(Lane lane, Throwable failure) {
        if (++lane.connectAttempts >= MAX_CONNECT_ATTEMPTS) {
            breakLane(lane, failure);
            return;
        }
        lane.opening = true;
        refreshSlotMap();
        later(lane.connectAttempts, () -> routeToOwner(lane));
    }

    /** What waits in the lane fails with {@code failure}, and so does everything written to it later. */
    private void breakLane(Lane lane, Throwable failure) {
        lane.broken = failure;
        lane.connection = null;
        lane.opening = false;
        fail(lane.redirected, failure);
        fail(lane.waiting, failure);
        lane.redirected.clear();
        lane.waiting.clear();
    }

    private void refreshSlotMap() {
        long now = System.nanoTime();
        if (now - lastRefresh >= TimeUnit.MILLISECONDS.toNanos(REFRESH_INTERVAL_MILLIS) || lastRefresh == 0) {
            lastRefresh = now;
            client.refreshPartitionsAsync(); // a failure leaves the old map: a later redirect asks again
        }
    }

    /** Runs {@code task} on the writer at once the first time, after a growing pause on later attempts. */
    private void later(int attempt, Runnable task) {
        long millis = attempt <= 1 ? 0 : Math.min(10L * attempt * attempt, 500);
        try {
            writer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: close() failed what waited
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Runs {@code task} on the writer thread, or {@code ifClosed} here once the writer has stopped. */
    private void onWriter(Runnable task, Runnable ifClosed) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            ifClosed.run();
        }
    }

    private void failUnanswered(Write write) {
        for (int i = 0; i < write.entries.size(); i++) {
            Throwable failure = failureOf(write.xadds.get(i));
            if (failure == null) {
                write.entries.get(i).result.complete(write.xadds.get(i).join());
            } else {
                write.entries.get(i).result.completeExceptionally(Redirect.of(failure) != null ? closedFailure() : failure);
            }
        }
    }

    private static @Nullable Throwable failureOf(AsyncCommand<String, String, String> xadd) {
        if (!xadd.isCompletedExceptionally()) {
            return null;
        }
        Throwable failure = xadd.handle((v, e) -> e).join();
        while (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    private static void fail(Iterable<Entry> entries, Throwable failure) {
        entries.forEach(entry -> entry.result.completeExceptionally(failure));
    }

    private static RedisConnectionException closedFailure() {
        return new RedisConnectionException("the Redis Cluster links were closed; the XADD was not written");
    }

}
