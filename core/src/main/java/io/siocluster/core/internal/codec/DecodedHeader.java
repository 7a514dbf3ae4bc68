package io.siocluster.core.internal.codec;

import io.siocluster.core.protocol.MessageType;

/** The fields of an attachment header as read; {@code ProtocolCodec} makes the public header of them. */
public record DecodedHeader(String uid, MessageType type, String attachmentId, String nsp) {
}
