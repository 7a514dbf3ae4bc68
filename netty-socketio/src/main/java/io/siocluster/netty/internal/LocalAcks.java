package io.siocluster.netty.internal;

import io.siocluster.core.cluster.ClusterTimeoutException;
import io.siocluster.core.cluster.LocalSide;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** {@code local().emitWithAck(...)}: this node's clients only, with the cluster's timeout semantics. */
public final class LocalAcks {

    private final CompletableFuture<List<@Nullable Object>> result = new CompletableFuture<>();
    private final List<@Nullable Object> acks = new ArrayList<>();
    private int expected = -1;

    private LocalAcks() {
    }

    public static CompletionStage<List<@Nullable Object>> broadcast(LocalSide local, BroadcastPacket packet,
            BroadcastOptions opts, Duration timeout) {
        LocalAcks collector = new LocalAcks();
        int sent = local.broadcastWithAck(packet, opts, timeout, collector::ack);
        collector.expect(sent);
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(collector::timeOut);
        return collector.result;
    }

    private synchronized void ack(@Nullable Object value) {
        if (!result.isDone()) {
            acks.add(value);
            completeIfAll();
        }
    }

    private synchronized void expect(int count) {
        expected = count;
        completeIfAll();
    }

    private void completeIfAll() {
        if (expected >= 0 && acks.size() >= expected) {
            result.complete(Collections.unmodifiableList(new ArrayList<>(acks)));
        }
    }

    private synchronized void timeOut() {
        if (!result.isDone()) {
            result.completeExceptionally(new ClusterTimeoutException("not every local client acknowledged in time",
                    acks, Math.max(0, expected - acks.size())));
        }
    }
}
