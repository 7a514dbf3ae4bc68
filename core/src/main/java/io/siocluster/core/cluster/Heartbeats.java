package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.Membership;
import io.siocluster.core.protocol.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one namespace's membership current, timed by the context's clock: sends HEARTBEAT when this node
 * has been silent for {@link ClusterOptions#heartbeatInterval()}, and drops peers silent for
 * {@link ClusterOptions#heartbeatTimeout()}. The node's thread calls {@link #tick()} ten times per
 * interval; a test calls it directly after moving its clock, and needs no real waiting.
 */
final class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final NamespaceContext context;
    private final NamespaceSender sender;
    private final Membership membership;
    private final Consumer<String> onPeerGone;
    private final String uid;
    private final String namespace;

    Heartbeats(NamespaceContext context, NamespaceSender sender, Membership membership, Consumer<String> onPeerGone,
            String uid, String namespace) {
        this.context = context;
        this.sender = sender;
        this.membership = membership;
        this.onPeerGone = onPeerGone;
        this.uid = uid;
        this.namespace = namespace;
    }

    /**
     * How often {@link #tick()} should run: an idle node is heard again at most 1.1 x heartbeatInterval after
     * it last sent anything, however that falls between ticks (peers drop it after heartbeatTimeout of silence).
     */
    Duration period() {
        return Duration.ofMillis(Math.max(1, context.options().heartbeatInterval().toMillis() / 10));
    }

    void tick() {
        Instant now = context.clock().instant();
        if (!now.isBefore(sender.lastSent().plus(context.options().heartbeatInterval()))) {
            sender.send(Heartbeat.INSTANCE);
        }
        for (String gone : membership.expire()) {
            LOG.info("[{}] peer {} in namespace {} seems down (silent for {})", uid, gone, namespace,
                    context.options().heartbeatTimeout());
            onPeerGone.accept(gone);
        }
    }
}
