package io.siocluster.core.codec.internal;

import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.internal.value.FrozenList;
import io.siocluster.core.internal.value.FrozenMap;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastClientCount;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.InitialHeartbeat;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a decoded object into an envelope or an attachment header, checking each field the way the
 * message type needs it. Lenient where Node is: unknown keys are ignored, a missing {@code nsp} is the
 * channel's namespace, missing {@code flags}, {@code rooms} or {@code except} are empty, a missing
 * acknowledgement value is null. Strict where Node would fail or misbehave: a field of the wrong type is
 * an error, never a guess.
 */
public final class EnvelopeTreeReader {

    private EnvelopeTreeReader() {
    }

    /** The key of an attachment carried inline (base64 msgpack), where no blob store is. Not Node's. */
    public static final String EMBEDDED_KEY = "msgpack";

    /** The key of a sender's message number ({@link Envelope#seq}). Not Node's: Node ignores it. */
    public static final String SEQ_KEY = "seq";

    /** The base64 text of an attachment carried inline, or null when {@code root} is no such message. */
    public static @Nullable String embedded(FrozenMap root) {
        return root.get(EMBEDDED_KEY) instanceof String base64 && root.get("attachmentId") == null ? base64 : null;
    }

    /** Node's test: any object with a truthy {@code attachmentId} is a header. */
    public static boolean isAttachmentHeader(FrozenMap root) {
        return root.get("attachmentId") != null;
    }

    public static AttachmentHeader header(FrozenMap root, String channelNamespace) throws MessageDecodeException {
        Fields f = new Fields(root.get("uid") instanceof String s ? s : null);
        String uid = f.string(root, "uid");
        MessageType type = type(root, f);
        Object id = root.get("attachmentId");
        String attachmentId;
        if (id instanceof String s && !s.isEmpty()) {
            attachmentId = s; // what Node sends: pg returns a bigserial as text
        } else if ((id instanceof Integer || id instanceof Long) && ((Number) id).longValue() >= 0) {
            attachmentId = id.toString();
        } else {
            throw f.invalid("'attachmentId' must be a non-empty string or a whole number");
        }
        return new AttachmentHeader(uid, type, attachmentId, namespace(root, channelNamespace, f), seq(root, f));
    }

    public static Envelope envelope(FrozenMap root, String channelNamespace) throws MessageDecodeException {
        Fields f = new Fields(root.get("uid") instanceof String s ? s : null);
        MessageType type = type(root, f);
        String uid = f.string(root, "uid");
        String nsp = namespace(root, channelNamespace, f);
        return new Envelope(uid, nsp, body(type, root, f), seq(root, f));
    }

    /**
     * Absent (Node, emitters) is {@link Envelope#UNNUMBERED}. Present, it must be a whole number from 1 to
     * {@link Envelope#MAX_SEQ}: anything else is a malformed message, not a guess, like any field of the
     * wrong type.
     */
    private static long seq(FrozenMap root, Fields f) throws MessageDecodeException {
        if (root.get(SEQ_KEY) == null) {
            return Envelope.UNNUMBERED;
        }
        long seq = f.wholeNumber(root, SEQ_KEY, Envelope.MAX_SEQ);
        if (seq == Envelope.UNNUMBERED) {
            throw f.invalid("'" + SEQ_KEY + "' must be a whole number from 1 to " + Envelope.MAX_SEQ);
        }
        return seq;
    }

    private static MessageType type(FrozenMap root, Fields f) throws MessageDecodeException {
        Object type = root.get("type");
        if (!(type instanceof Number)) {
            throw f.invalid("'type' must be a number");
        }
        if (type instanceof Integer code) {
            var known = MessageType.fromCode(code);
            if (known.isPresent()) {
                return known.get();
            }
        }
        throw f.unknownType("unknown message type " + type);
    }

    private static String namespace(FrozenMap root, String channelNamespace, Fields f) throws MessageDecodeException {
        String nsp = f.optionalString(root, "nsp");
        return nsp != null ? nsp : channelNamespace; // the Node emitter 0.1.1 leaves nsp out
    }

    private static ClusterMessage body(MessageType type, FrozenMap root, Fields f) throws MessageDecodeException {
        switch (type) {
            case INITIAL_HEARTBEAT:
                return InitialHeartbeat.INSTANCE;
            case HEARTBEAT:
                return Heartbeat.INSTANCE;
            case ADAPTER_CLOSE:
                return AdapterClose.INSTANCE;
            default:
                break;
        }
        FrozenMap data = f.map(root, "data");
        switch (type) {
            case BROADCAST:
                return new Broadcast(packet(f.map(data, "packet"), f), opts(f.map(data, "opts"), f),
                        f.optionalString(data, "requestId"));
            case SOCKETS_JOIN:
                return new SocketsJoin(opts(f.map(data, "opts"), f), rooms(data, f));
            case SOCKETS_LEAVE:
                return new SocketsLeave(opts(f.map(data, "opts"), f), rooms(data, f));
            case DISCONNECT_SOCKETS:
                return new DisconnectSockets(opts(f.map(data, "opts"), f), f.booleanOrFalse(data, "close"));
            case FETCH_SOCKETS:
                return new FetchSockets(opts(f.map(data, "opts"), f), f.string(data, "requestId"));
            case FETCH_SOCKETS_RESPONSE:
                return new FetchSocketsResponse(f.string(data, "requestId"), sockets(f.list(data, "sockets"), f));
            case SERVER_SIDE_EMIT:
                FrozenList packet = f.list(data, "packet");
                if (packet.isEmpty() || !(packet.get(0) instanceof String)) {
                    throw f.invalid("'packet' must start with the event name");
                }
                return new ServerSideEmit(packet, f.optionalString(data, "requestId"));
            case SERVER_SIDE_EMIT_RESPONSE:
                return new ServerSideEmitResponse(f.string(data, "requestId"), data.get("packet"));
            case BROADCAST_CLIENT_COUNT:
                return new BroadcastClientCount(f.string(data, "requestId"),
                        (int) f.wholeNumber(data, "clientCount", Integer.MAX_VALUE));
            case BROADCAST_ACK:
                return new BroadcastAck(f.string(data, "requestId"), data.get("packet"));
            default:
                throw new IllegalStateException("unhandled message type " + type);
        }
    }

    private static List<String> rooms(FrozenMap data, Fields f) throws MessageDecodeException {
        f.list(data, "rooms"); // required here: Node always sends the rooms to join or leave
        return f.rooms(data, "rooms");
    }

    private static BroadcastPacket packet(FrozenMap packet, Fields f) throws MessageDecodeException {
        int type = (int) f.wholeNumber(packet, "type", 6);
        FrozenList data = f.list(packet, "data");
        String nsp = f.optionalString(packet, "nsp");
        Long id = packet.get("id") == null ? null : f.wholeNumber(packet, "id", Long.MAX_VALUE);
        return new BroadcastPacket(type, data, nsp, id);
    }

    private static BroadcastOptions opts(FrozenMap opts, Fields f) throws MessageDecodeException {
        return new BroadcastOptions(f.rooms(opts, "rooms"), f.rooms(opts, "except"), flags(f.mapOrEmpty(opts, "flags"), f));
    }

    private static BroadcastFlags flags(FrozenMap flags, Fields f) throws MessageDecodeException {
        if (flags.isEmpty()) {
            return BroadcastFlags.NONE;
        }
        BroadcastFlags.Builder builder = BroadcastFlags.builder();
        for (Map.Entry<String, @Nullable Object> e : flags.entrySet()) {
            switch (e.getKey()) {
                case "volatile" -> {
                    Boolean v = f.optionalBoolean(flags, "volatile");
                    if (v != null) {
                        builder.volatileFlag(v);
                    }
                }
                case "compress" -> {
                    Boolean v = f.optionalBoolean(flags, "compress");
                    if (v != null) {
                        builder.compress(v);
                    }
                }
                case "expectSingleResponse" -> {
                    Boolean v = f.optionalBoolean(flags, "expectSingleResponse");
                    if (v != null) {
                        builder.expectSingleResponse(v);
                    }
                }
                case "timeout" -> {
                    Object v = e.getValue();
                    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                        // setTimeout takes fractions and negatives too; milliseconds from 0 up are what they mean
                        builder.timeoutMillis(Math.max(0, n.longValue()));
                    } else if (v != null) {
                        throw f.invalid("'timeout' must be a number of milliseconds");
                    }
                }
                default -> {
                    // local never travels; other flags mean nothing to a remote node
                }
            }
        }
        return builder.build();
    }

    private static List<SocketDetails> sockets(FrozenList sockets, Fields f) throws MessageDecodeException {
        List<SocketDetails> list = new ArrayList<>(sockets.size());
        for (Object item : sockets) {
            if (!(item instanceof FrozenMap socket)) {
                throw f.invalid("'sockets' must hold objects");
            }
            list.add(new SocketDetails(f.string(socket, "id"), f.mapOrEmpty(socket, "handshake"),
                    f.rooms(socket, "rooms"), socket.get("data")));
        }
        return list;
    }
}
