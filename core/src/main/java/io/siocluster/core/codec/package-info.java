/**
 * Encoding and decoding of cluster messages, byte-compatible with {@code @socket.io/postgres-adapter}
 * 0.5.0: JSON for inline messages, msgpack for attachments, and the attachment header. Decoding never
 * throws anything but {@link io.siocluster.core.codec.MessageDecodeException} and never uses Java
 * deserialization. Entry point: {@link io.siocluster.core.codec.ProtocolCodec}.
 */
@NullMarked
package io.siocluster.core.codec;

import org.jspecify.annotations.NullMarked;
