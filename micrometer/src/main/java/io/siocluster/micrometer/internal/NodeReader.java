package io.siocluster.micrometer.internal;

import io.siocluster.core.cluster.ClusterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a node's counters and gauges for the meters, never throwing. A server makes a new node at every start, whose
 * counters begin at zero: the reader carries the totals of the nodes it saw before into the counters, so a
 * counter never goes down across restarts, and while no node runs it keeps the last node's values.
 */
public final class NodeReader {

    private static final Logger LOG = LoggerFactory.getLogger(NodeReader.class);

    private final Supplier<Optional<ClusterNode>> nodes;
    private final List<ToLongFunction<ClusterNode>> counters = new ArrayList<>();
    private final List<Long> carried = new ArrayList<>();
    private @Nullable ClusterNode last;

    public NodeReader(Supplier<Optional<ClusterNode>> nodes) {
        this.nodes = nodes;
    }

    /** Registers a counter; returns the index to read it with. */
    public synchronized int counter(ToLongFunction<ClusterNode> counter) {
        counters.add(counter);
        carried.add(0L);
        return counters.size() - 1;
    }

    /** The counter's total over every node seen, or NaN when it cannot be read. */
    public synchronized double total(int index) {
        try {
            ClusterNode node = follow();
            return carried.get(index) + (node == null ? 0 : counters.get(index).applyAsLong(node));
        } catch (RuntimeException e) {
            LOG.debug("a cluster counter could not be read: {}", e.toString());
            return Double.NaN;
        }
    }

    /** {@link #total(int)} for a timer's count, which cannot be NaN: 0 when it cannot be read. */
    public long count(int index) {
        double total = total(index);
        return Double.isNaN(total) ? 0 : (long) total;
    }

    /** The gauge on the running node, or {@code whenStopped} when none runs; NaN when it cannot be read. */
    public double gauge(ToDoubleFunction<ClusterNode> gauge, double whenStopped) {
        try {
            Optional<ClusterNode> node = nodes.get();
            return node.isPresent() ? gauge.applyAsDouble(node.get()) : whenStopped;
        } catch (RuntimeException e) {
            LOG.debug("a cluster gauge could not be read: {}", e.toString());
            return Double.NaN;
        }
    }

    /** The running node, or the last one seen while none runs; a new node adds the previous one's totals. */
    private @Nullable ClusterNode follow() {
        ClusterNode current = nodes.get().orElse(null);
        if (current != null && current != last) {
            ClusterNode previous = last;
            if (previous != null) {
                for (int i = 0; i < counters.size(); i++) {
                    carried.set(i, carried.get(i) + counters.get(i).applyAsLong(previous));
                }
            }
            last = current;
        }
        return last;
    }
}
