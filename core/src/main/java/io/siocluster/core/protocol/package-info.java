/**
 * The Socket.IO cluster protocol as Java values: the 13 message types that
 * {@code socket.io-adapter} 2.5.x nodes exchange, their {@link io.siocluster.core.protocol.Envelope}, the
 * broadcast options and packets, and channel naming. Messages are immutable and compare by value;
 * arguments are plain JSON-like Java values (see {@link io.siocluster.core.protocol.Values}). Encoding
 * lives in {@link io.siocluster.core.codec}.
 */
@NullMarked
package io.siocluster.core.protocol;

import org.jspecify.annotations.NullMarked;
