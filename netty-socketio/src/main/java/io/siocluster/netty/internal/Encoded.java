package io.siocluster.netty.internal;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** A packet as Engine.IO text plus its binary attachments, as {@link EngineIo4Encoder} writes it. */
record Encoded(ByteBuf text, List<byte[]> attachments) {
}
