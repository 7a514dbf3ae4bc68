package io.siocluster.core.cluster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A broadcast with acknowledgements: each node (this one included) first says how many clients it sent to,
 * then relays each client's acknowledgement. Complete when every awaited node has given its count and
 * every counted client has answered. A node that leaves is no longer waited for, nor are its clients'
 * missing acknowledgements (Node's adapter waits for them until the timeout). Nodes are awaited by uid, or only by
 * number when the bus counts the servers.
 */
public final class PendingBroadcastAcks extends PendingRequest {

    private static final class NodeState {
        int expected = -1; // unknown until the node's client count arrives
        int received;
    }

    private final Map<String, NodeState> nodes = new HashMap<>();
    private final List<@Nullable Object> acks = new ArrayList<>();
    private final TimeoutFailure failure;
    private int unnamed;

    public PendingBroadcastAcks(Collection<String> awaitedNodes, TimeoutFailure failure) {
        this(awaitedNodes, 0, failure);
    }

    /**
     * @param unnamed nodes awaited by number only (servers counted by the bus): each other uid that answers first
     *        takes one of these places
     */
    public PendingBroadcastAcks(Collection<String> awaitedNodes, int unnamed, TimeoutFailure failure) {
        this.failure = failure;
        this.unnamed = Math.max(0, unnamed);
        awaitedNodes.forEach(uid -> nodes.put(uid, new NodeState()));
    }

    public synchronized void clientCount(String uid, int count) {
        NodeState node = awaited(uid);
        if (node != null && node.expected < 0) {
            node.expected = count;
            completeIfDone();
        }
    }

    public synchronized void ack(String uid, @Nullable Object value) {
        NodeState node = awaited(uid);
        if (node != null) {
            node.received++;
            acks.add(value);
            completeIfDone();
        }
    }

    @Override
    public synchronized void peerLeft(String uid) {
        if (nodes.remove(uid) != null) {
            completeIfDone();
        }
    }

    @Override
    public synchronized void forgetUnnamed() {
        unnamed = 0;
        completeIfDone();
    }

    @Override
    public synchronized void timeOut() {
        int missing = unnamed;
        for (NodeState node : nodes.values()) {
            missing += node.expected < 0 ? 1 : Math.max(0, node.expected - node.received);
        }
        result.completeExceptionally(failure.create(
                "operation has timed out: missing " + missing + " acknowledgements or client counts", acks, missing));
    }

    /** The node's state; a node not named gets one of the places awaited by number, while any is left. */
    private @Nullable NodeState awaited(String uid) {
        NodeState node = nodes.get(uid);
        if (node == null && unnamed > 0) {
            unnamed--;
            node = new NodeState();
            nodes.put(uid, node);
        }
        return node;
    }

    private void completeIfDone() {
        if (unnamed > 0) {
            return;
        }
        for (NodeState node : nodes.values()) {
            if (node.expected < 0 || node.received < node.expected) {
                return;
            }
        }
        result.complete(new ArrayList<>(acks));
    }
}
