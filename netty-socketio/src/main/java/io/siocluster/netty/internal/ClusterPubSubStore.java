package io.siocluster.netty.internal;

import com.corundumstudio.socketio.store.pubsub.BulkJoinLeaveMessage;
import com.corundumstudio.socketio.store.pubsub.DispatchMessage;
import com.corundumstudio.socketio.store.pubsub.JoinLeaveMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubListener;
import com.corundumstudio.socketio.store.pubsub.PubSubMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubStore;
import com.corundumstudio.socketio.store.pubsub.PubSubType;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netty-socketio's publish/subscribe hook. DISPATCH (a broadcast) goes to the other nodes as a Node-compatible
 * BROADCAST; room changes and connects are not mirrored to other nodes (in a Socket.IO cluster each node keeps
 * its own sockets' rooms, and remote room operations travel as SOCKETS_JOIN / SOCKETS_LEAVE), but joins and
 * leaves open their namespace in the cluster, give each connecting socket its id room and feed the room events. Subscriptions are accepted and never called: nothing is mirrored back.
 */
public final class ClusterPubSubStore implements PubSubStore {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPubSubStore.class);

    private final Supplier<@Nullable ClusterRuntime> runtime;

    public ClusterPubSubStore(Supplier<@Nullable ClusterRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public void publish(PubSubType type, PubSubMessage msg) {
        ClusterRuntime current = runtime.get();
        if (current == null || current.isClosed()) {
            return;
        }
        try {
            switch (type) {
                case DISPATCH -> current.forwarder().forward((DispatchMessage) msg);
                case JOIN -> {
                    JoinLeaveMessage join = (JoinLeaveMessage) msg;
                    current.joined(join.getNamespace(), Set.of(join.getRoom()), join.getSessionId());
                }
                case BULK_JOIN -> {
                    BulkJoinLeaveMessage join = (BulkJoinLeaveMessage) msg;
                    current.joined(join.getNamespace(), join.getRooms(), join.getSessionId());
                }
                case LEAVE -> {
                    JoinLeaveMessage leave = (JoinLeaveMessage) msg;
                    current.left(leave.getNamespace(), Set.of(leave.getRoom()), leave.getSessionId());
                }
                case BULK_LEAVE -> {
                    BulkJoinLeaveMessage leave = (BulkJoinLeaveMessage) msg;
                    current.left(leave.getNamespace(), leave.getRooms(), leave.getSessionId());
                }
                default -> {
                    // CONNECT / DISCONNECT: sessions stay on their node (sticky sessions), nothing to share.
                }
            }
        } catch (RuntimeException e) {
            // Never let the cluster break the caller's netty-socketio call (often on an event loop).
            LOG.warn("{} not handled by the cluster: {}", type, e.toString());
        }
    }

    @Override
    public <T extends PubSubMessage> void subscribe(PubSubType type, PubSubListener<T> listener, Class<T> clazz) {
        LOG.debug("subscription to {} ignored: the cluster does not mirror netty-socketio's pub/sub", type);
    }

    @Override
    public void unsubscribe(PubSubType type) {
        // nothing subscribed
    }

    @Override
    public void shutdown() {
        // the runtime is closed by the store factory
    }
}
