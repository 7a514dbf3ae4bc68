package io.siocluster.bench.profile;

import java.util.List;

/**
 * What a CPU sample was doing, in the words of the end-to-end benchmark: the first frame from the top of the
 * stack that starts with one of a category's prefixes names it (so Jackson code under netty-socketio's packet
 * encoder counts as per-client encoding, and a deflater under it as compression).
 */
enum Category {
    DEFLATE("websocket permessage-deflate", "java.util.zip.", "io.netty.handler.codec.compression.",
            "io.netty.handler.codec.http.websocketx.extensions."),
    SOCKET_IO("socket syscalls (write, read, epoll)", "sun.nio.ch.", "io.netty.channel.nio.AbstractNioByteChannel$NioByteUnsafe.read",
            "io.netty.channel.socket.nio.NioSocketChannel.doWrite"),
    CLIENT_ENCODING("per-client packet encoding (netty-socketio + Jackson)", "com.corundumstudio.socketio.protocol.PacketEncoder",
            "com.corundumstudio.socketio.protocol.JacksonJsonSupport.writeValue", "io.siocluster.netty.internal.EngineIo4Encoder"),
    INBOUND_DECODING("inbound packet decoding (netty-socketio + Jackson)", "com.corundumstudio.socketio.protocol.PacketDecoder",
            "com.corundumstudio.socketio.protocol.JacksonJsonSupport.readValue",
            "com.corundumstudio.socketio.protocol.JacksonJsonSupport$EventDeserializer",
            "io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder", "io.siocluster.netty.internal.EngineIo4BinaryDecoder.decode"),
    ARGUMENT_CONVERSION("argument conversion in the binding (value -> JSON -> tree -> values)",
            "io.siocluster.netty.internal.ValueConverter", "io.siocluster.netty.internal.JsonTrees",
            "io.siocluster.core.internal.value."),
    CLUSTER_CODEC("cluster message codec (envelope JSON / msgpack)", "io.siocluster.core.internal.codec.",
            "io.siocluster.core.codec."),
    DISPATCH("drop-in dispatch and batching", "io.siocluster.netty.internal.DispatchBatcher",
            "io.siocluster.netty.internal.ClusterPubSubStore", "io.siocluster.netty.internal.NettyLocalSide"),
    CLUSTER_CORE("cluster core (namespaces, sequencing, membership)", "io.siocluster.core."),
    PG_PUBLISH("PostgreSQL publish (NOTIFY batches)", "io.siocluster.postgres.internal.NotifyStatements",
            "io.siocluster.postgres.internal.Publisher"),
    PG_LISTEN("PostgreSQL listen and hand-off", "io.siocluster.postgres.internal.Listener",
            "io.siocluster.postgres.internal.ChannelRegistry", "org.postgresql."),
    PG_BLOBS("PostgreSQL attachments", "io.siocluster.postgres.internal.AttachmentTable"),
    NETTY_SOCKETIO("netty-socketio handlers and broadcast loop", "com.corundumstudio."),
    NETTY("netty pipeline, buffers and event loop", "io.netty."),
    JFR("JFR itself", "jdk.jfr."),
    OTHER("other");

    private final String label;
    private final String[] prefixes;

    Category(String label, String... prefixes) {
        this.label = label;
        this.prefixes = prefixes;
    }

    String label() {
        return label;
    }

    /**
     * The label of the first frame, from the top, that a category claims; "other" when none does. A stack that
     * passes through the binding's argument conversion is conversion wherever it is: the conversion itself calls
     * netty-socketio's Jackson writer, which would otherwise count as per-client encoding.
     */
    static String of(List<String> methods) {
        for (String method : methods) {
            if (method.startsWith("io.siocluster.netty.internal.ValueConverter")) {
                return ARGUMENT_CONVERSION.label;
            }
        }
        for (String method : methods) {
            for (Category category : values()) {
                for (String prefix : category.prefixes) {
                    if (method.startsWith(prefix)) {
                        return category.label;
                    }
                }
            }
        }
        return OTHER.label;
    }
}
