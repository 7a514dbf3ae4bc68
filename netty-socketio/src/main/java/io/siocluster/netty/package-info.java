/**
 * The netty-socketio binding: {@link io.siocluster.netty.ClusterStoreFactory} makes existing
 * {@code BroadcastOperations} code cluster-wide, and {@link io.siocluster.netty.SocketIOCluster} offers the
 * Socket.IO cluster API ({@code fetchSockets}, {@code serverSideEmit}, ...) over a {@code SocketIOServer}.
 */
@NullMarked
package io.siocluster.netty;

import org.jspecify.annotations.NullMarked;
