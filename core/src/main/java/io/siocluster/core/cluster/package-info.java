/**
 * The cluster: a {@link io.siocluster.core.cluster.ClusterNode} per server joins the bus, and a
 * {@link io.siocluster.core.cluster.ClusterNamespace} per Socket.IO namespace does what Node's
 * {@code ClusterAdapterWithHeartbeat} does (broadcasts, room changes, fetchSockets, serverSideEmit,
 * membership from heartbeats), asking the binding's {@link io.siocluster.core.cluster.LocalSide} to act on
 * the sockets of this node.
 */
@NullMarked
package io.siocluster.core.cluster;

import org.jspecify.annotations.NullMarked;
