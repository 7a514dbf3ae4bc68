/**
 * The emitter: pushes events to the clients of a Socket.IO cluster from a process that runs no Socket.IO
 * server (a batch job, a REST service), like Node's {@code @socket.io/postgres-emitter}.
 */
@NullMarked
package io.siocluster.core.emitter;

import org.jspecify.annotations.NullMarked;
