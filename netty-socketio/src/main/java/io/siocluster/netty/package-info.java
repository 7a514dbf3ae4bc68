/**
 * The netty-socketio binding. {@link io.siocluster.netty.SocketIOCluster#attach} is the way in: it sets a
 * {@link io.siocluster.netty.ClusterStoreFactory} that makes existing {@code BroadcastOperations} code
 * cluster-wide, and returns the Socket.IO cluster API ({@code fetchSockets}, {@code serverSideEmit}, ...) over the
 * {@code SocketIOServer} built from that configuration.
 */
@NullMarked
package io.siocluster.netty;

import org.jspecify.annotations.NullMarked;
