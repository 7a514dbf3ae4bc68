package io.siocluster.core.codec.internal;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastClientCount;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An envelope as the object Node builds for it, keys in Node's order: {@code type, data, uid, nsp}, where
 * {@code ClusterAdapter#publishAndReturnOffset} sets {@code uid} and {@code nsp} last. Keys that do not
 * apply are left out, never null. The same tree feeds both the JSON and the msgpack writer, because Node
 * msgpack-encodes the very object it would otherwise {@code JSON.stringify}.
 */
public final class EnvelopeTreeWriter {

    private EnvelopeTreeWriter() {
    }

    public static Map<String, @Nullable Object> tree(Envelope envelope) {
        Map<String, @Nullable Object> root = new LinkedHashMap<>();
        root.put("type", envelope.type().code());
        Map<String, @Nullable Object> data = data(envelope.message());
        if (data != null) {
            root.put("data", data);
        }
        root.put("uid", envelope.uid());
        root.put("nsp", envelope.nsp());
        putSeq(root, envelope.seq());
        return root;
    }

    /** The inline form of an attachment, for a transport without a blob store: its msgpack as base64. */
    public static Map<String, @Nullable Object> embedded(String uid, MessageType type, String nsp, long seq,
            String base64) {
        Map<String, @Nullable Object> root = new LinkedHashMap<>();
        root.put("uid", uid);
        root.put("type", type.code());
        root.put("nsp", nsp);
        putSeq(root, seq);
        root.put(EnvelopeTreeReader.EMBEDDED_KEY, base64);
        return root;
    }

    /** {@code {"uid","type","attachmentId","nsp"}}: Node's header keys in Node's order, then the namespace. */
    public static Map<String, @Nullable Object> header(String uid, MessageType type, String attachmentId, String nsp,
            long seq) {
        Map<String, @Nullable Object> root = new LinkedHashMap<>();
        root.put("uid", uid);
        root.put("type", type.code());
        root.put("attachmentId", attachmentId);
        root.put("nsp", nsp);
        putSeq(root, seq);
        return root;
    }

    // Not Node's key (Node ignores keys it does not know): last, so that the rest stays byte for byte Node's.
    private static void putSeq(Map<String, @Nullable Object> root, long seq) {
        if (seq != Envelope.UNNUMBERED) {
            root.put(EnvelopeTreeReader.SEQ_KEY, seq);
        }
    }

    private static @Nullable Map<String, @Nullable Object> data(ClusterMessage message) {
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        if (message instanceof Broadcast m) {
            data.put("packet", packet(m.packet()));
            putIfPresent(data, "requestId", m.requestId());
            data.put("opts", opts(m.opts()));
        } else if (message instanceof SocketsJoin m) {
            data.put("opts", opts(m.opts()));
            data.put("rooms", m.rooms());
        } else if (message instanceof SocketsLeave m) {
            data.put("opts", opts(m.opts()));
            data.put("rooms", m.rooms());
        } else if (message instanceof DisconnectSockets m) {
            data.put("opts", opts(m.opts()));
            data.put("close", m.close());
        } else if (message instanceof FetchSockets m) {
            data.put("opts", opts(m.opts()));
            data.put("requestId", m.requestId());
        } else if (message instanceof FetchSocketsResponse m) {
            data.put("requestId", m.requestId());
            data.put("sockets", sockets(m.sockets()));
        } else if (message instanceof ServerSideEmit m) {
            putIfPresent(data, "requestId", m.requestId());
            data.put("packet", m.packet());
        } else if (message instanceof ServerSideEmitResponse m) {
            data.put("requestId", m.requestId());
            data.put("packet", m.packet());
        } else if (message instanceof BroadcastClientCount m) {
            data.put("requestId", m.requestId());
            data.put("clientCount", m.clientCount());
        } else if (message instanceof BroadcastAck m) {
            data.put("requestId", m.requestId());
            data.put("packet", m.packet());
        } else {
            return null; // heartbeats and close carry no data
        }
        return data;
    }

    private static Map<String, @Nullable Object> packet(BroadcastPacket packet) {
        Map<String, @Nullable Object> tree = new LinkedHashMap<>();
        tree.put("type", packet.type());
        tree.put("data", packet.data());
        putIfPresent(tree, "nsp", packet.nsp());
        putIfPresent(tree, "id", packet.id());
        return tree;
    }

    private static Map<String, @Nullable Object> opts(BroadcastOptions opts) {
        Map<String, @Nullable Object> tree = new LinkedHashMap<>();
        tree.put("rooms", opts.rooms());
        tree.put("except", opts.except());
        tree.put("flags", opts.flags().asWireMap());
        return tree;
    }

    private static List<Object> sockets(List<SocketDetails> sockets) {
        List<Object> list = new ArrayList<>(sockets.size());
        for (SocketDetails socket : sockets) {
            Map<String, @Nullable Object> tree = new LinkedHashMap<>();
            tree.put("id", socket.id());
            tree.put("handshake", socket.handshake());
            tree.put("rooms", socket.rooms());
            tree.put("data", socket.data());
            list.add(tree);
        }
        return list;
    }

    private static void putIfPresent(Map<String, @Nullable Object> tree, String key, @Nullable Object value) {
        if (value != null) {
            tree.put(key, value);
        }
    }
}
