package io.siocluster.netty.internal;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.MultiTypeAckCallback;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles the binary packets Engine.IO 4 clients send (a {@code 45}/{@code 46} text packet with
 * placeholders, then one attachment per binary WebSocket frame or {@code b<base64>} polling record) before
 * netty-socketio's decoder sees them; see {@code io.siocluster.netty.EngineIo4ChannelInitializer}.
 *
 * <ul>
 *   <li>An acknowledgement whose callback takes {@code Object} or {@code byte[]} (the cluster's do) is completed
 *       here with plain values: binary stays {@code byte[]}.</li>
 *   <li>Anything else (events, typed acknowledgements) goes on to netty-socketio as a text packet with each
 *       attachment as a base64 string, which Jackson reads into {@code byte[]} arguments; netty-socketio's
 *       own decoder breaks base64 into lines and fails on attachments over 57 bytes. An event whose
 *       placeholders are written as Socket.IO's parser writes them is rewritten as text
 *       ({@link PlaceholderInliner}), any other through a JSON tree.</li>
 * </ul>
 *
 * Input is bounded and checked first: a packet may announce at most {@value #MAX_ATTACHMENTS} attachments, its
 * buffered bytes stay within the server's limit for one message, and text packets pass {@link PacketCheck}. A
 * client that breaks a rule is reported to the exception listener with a {@link BadClientPacketException}
 * (never its bytes) and disconnected, as Node's server closes such a connection.
 */
@Sharable
public final class EngineIo4BinaryDecoder extends ChannelInboundHandlerAdapter {

    /**
     * The most attachments one packet may announce. Node's parser has no such bound; the byte bound below is what
     * protects memory, this one keeps a client from making the server wait for a million empty frames.
     */
    static final int MAX_ATTACHMENTS = 1000;
    private static final byte RECORD_SEPARATOR = 0x1e;

    private final NamespacesHub namespaces;
    private final int maxWebSocketBytes;
    private final int maxPollingBytes;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<ClientHead, Pending> pending = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The bytes one binary packet may buffer (its text and attachments together) are the server's limits for one
     * message: {@code maxFramePayloadLength} over WebSocket, {@code maxHttpContentLength} over polling, as Node's
     * {@code maxHttpBufferSize} bounds one message on both.
     */
    public EngineIo4BinaryDecoder(NamespacesHub namespaces, Configuration configuration) {
        this.namespaces = namespaces;
        this.maxWebSocketBytes = configuration.getMaxFramePayloadLength();
        this.maxPollingBytes = configuration.getMaxHttpContentLength();
    }

    /** A binary packet waiting for its attachments. */
    private static final class Pending {
        final boolean ack;
        final int expected;
        final String nsp;
        final @Nullable Long ackId;
        final String json;
        final long maxBytes;
        final List<byte[]> attachments = new ArrayList<>();
        long bytes;

        Pending(boolean ack, int expected, String nsp, @Nullable Long ackId, String json, long bytes, long maxBytes) {
            this.ack = ack;
            this.expected = expected;
            this.nsp = nsp;
            this.ackId = ackId;
            this.json = json;
            this.bytes = bytes;
            this.maxBytes = maxBytes;
        }

        /** Adds an attachment; false when the packet would pass its byte bound. */
        boolean add(byte[] attachment) {
            bytes += attachment.length;
            attachments.add(attachment);
            return bytes <= maxBytes;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof PacketsMessage message)
                || !EngineIOVersion.V4.equals(message.getClient().getEngineIOVersion())) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (message.getTransport() == Transport.WEBSOCKET) {
            onFrame(ctx, message);
        } else {
            onPollingPayload(ctx, message);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, PacketsMessage message) throws IOException {
        ClientHead client = message.getClient();
        ByteBuf content = message.getContent();
        Pending waiting = pending.get(client);
        if (waiting != null) {
            boolean within = waiting.add(ByteBufUtil.getBytes(content));
            content.skipBytes(content.readableBytes());
            if (!within) {
                reject(ctx, client, "attachments over " + waiting.maxBytes + " bytes");
                return;
            }
            completeIfLoaded(ctx, client, waiting, message.getTransport());
            return;
        }
        Scan scan = scan(content);
        if (scan.problem() != null) {
            content.skipBytes(content.readableBytes());
            reject(ctx, client, scan.problem());
        } else if (scan.binary()) {
            String text = content.toString(StandardCharsets.UTF_8);
            content.skipBytes(content.readableBytes());
            if (scan.records() > 1) {
                reject(ctx, client, "a binary packet shares its websocket frame");
                return;
            }
            start(ctx, client, text, message.getTransport());
        } else {
            ctx.fireChannelRead(message);
        }
    }

    private void onPollingPayload(ChannelHandlerContext ctx, PacketsMessage message) throws IOException {
        ClientHead client = message.getClient();
        ByteBuf content = message.getContent();
        if (!pending.containsKey(client)) {
            Scan scan = scan(content);
            if (scan.problem() != null) {
                content.skipBytes(content.readableBytes());
                reject(ctx, client, scan.problem());
                return;
            }
            if (!scan.binary()) {
                ctx.fireChannelRead(message);
                return;
            }
        }
        List<ByteBuf> records = split(content);
        content.skipBytes(content.readableBytes());
        for (ByteBuf record : records) {
            if (!onPollingRecord(ctx, client, record, message.getTransport())) {
                return;
            }
        }
    }

    /** Handles one record of a polling payload that holds binary; false when the client was rejected. */
    private boolean onPollingRecord(ChannelHandlerContext ctx, ClientHead client, ByteBuf record, Transport transport)
            throws IOException {
        Pending waiting = pending.get(client);
        if (waiting != null && record.isReadable() && record.getByte(record.readerIndex()) == 'b') {
            String base64 = record.toString(record.readerIndex() + 1, record.readableBytes() - 1, StandardCharsets.US_ASCII);
            byte[] attachment;
            try {
                attachment = Base64.getMimeDecoder().decode(base64); // clients may break lines
            } catch (IllegalArgumentException e) {
                reject(ctx, client, "attachment is not base64");
                return false;
            }
            if (!waiting.add(attachment)) {
                reject(ctx, client, "attachments over " + waiting.maxBytes + " bytes");
                return false;
            }
            completeIfLoaded(ctx, client, waiting, transport);
            return true;
        }
        String problem = PacketCheck.problem(record, record.readerIndex(), record.writerIndex());
        if (problem != null) {
            reject(ctx, client, problem);
            return false;
        }
        if (isBinaryPacket(record, record.readerIndex(), record.writerIndex())) {
            return start(ctx, client, record.toString(StandardCharsets.UTF_8), transport);
        }
        ctx.fireChannelRead(new PacketsMessage(client, record, transport));
        return true;
    }

    /** What the records of a payload hold: the first problem (and nothing else then), how many, any binary. */
    private record Scan(@Nullable String problem, int records, boolean binary) {
    }

    /**
     * Checks every record up to the first binary packet (what follows it may be its attachments). Separators are found
     * with {@link ByteBuf#indexOf}, which reads eight bytes at a time: a websocket frame holds one record, and reading
     * a 20 kB frame byte by byte ({@code getByte} checks bounds and liveness each time) was a quarter of the event
     * loops' samples on the 20 kB benchmark row.
     */
    private static Scan scan(ByteBuf content) {
        int start = content.readerIndex();
        int end = content.writerIndex();
        int records = 0;
        while (true) {
            int separator = content.indexOf(start, end, RECORD_SEPARATOR);
            int i = separator < 0 ? end : separator;
            records++;
            if (isBinaryPacket(content, start, i)) {
                String problem = PacketCheck.problem(content, start, i);
                return new Scan(problem, separator >= 0 ? records + 1 : records, problem == null);
            }
            String problem = PacketCheck.problem(content, start, i);
            if (problem != null || separator < 0) {
                return new Scan(problem, records, false);
            }
            start = i + 1;
        }
    }

    private static boolean isBinaryPacket(ByteBuf buf, int from, int to) {
        return to - from > 2 && buf.getByte(from) == '4' && (buf.getByte(from + 1) == '5' || buf.getByte(from + 1) == '6');
    }

    private static List<ByteBuf> split(ByteBuf content) {
        List<ByteBuf> records = new ArrayList<>();
        int start = content.readerIndex();
        int end = content.writerIndex();
        while (true) {
            int separator = content.indexOf(start, end, RECORD_SEPARATOR);
            int i = separator < 0 ? end : separator;
            records.add(Unpooled.copiedBuffer(content.slice(start, i - start)));
            if (separator < 0) {
                return records;
            }
            start = i + 1;
        }
    }

    /**
     * Reads {@code 4 5|6 <count> - [<nsp>,] [<ack id>] <json>} (checked by {@link PacketCheck}); a count of 0 is a
     * complete packet, as in Node's parser. False when the client was rejected.
     */
    private boolean start(ChannelHandlerContext ctx, ClientHead client, String text, Transport transport)
            throws IOException {
        boolean ack = text.charAt(1) == '6';
        int dash = text.indexOf('-', 2);
        int count = Integer.parseInt(text.substring(2, dash)); // at most PacketCheck.COUNT_DIGITS digits
        if (count > MAX_ATTACHMENTS) {
            reject(ctx, client, "more than " + MAX_ATTACHMENTS + " attachments announced");
            return false;
        }
        int i = dash + 1;
        String nsp = "";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            nsp = text.substring(i, comma);
            i = comma + 1;
        }
        int digits = i;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        Long ackId = digits > i ? Long.valueOf(text.substring(i, digits)) : null;
        long maxBytes = transport == Transport.WEBSOCKET ? maxWebSocketBytes : maxPollingBytes;
        Pending waiting = new Pending(ack, count, nsp, ackId, text.substring(digits), text.length(), maxBytes);
        pending.put(client, waiting);
        completeIfLoaded(ctx, client, waiting, transport);
        return true;
    }

    /** Refuses the client's input: reported without its bytes to the exception listener, and the client closed. */
    private void reject(ChannelHandlerContext ctx, ClientHead client, String rule) {
        pending.remove(client);
        ctx.fireExceptionCaught(new BadClientPacketException(rule + " (session " + client.getSessionId() + ")"));
        client.disconnect(); // ends the session; closes its channel only once the disconnect packet was written
        ctx.channel().close();
    }

    private void completeIfLoaded(ChannelHandlerContext ctx, ClientHead client, Pending waiting, Transport transport)
            throws IOException {
        if (waiting.attachments.size() < waiting.expected) {
            return;
        }
        pending.remove(client);
        if (!waiting.ack) {
            byte[] inlined = PlaceholderInliner.inline(waiting.json, waiting.nsp, waiting.ackId, waiting.attachments);
            if (inlined != null) {
                ctx.fireChannelRead(new PacketsMessage(client, Unpooled.wrappedBuffer(inlined), transport));
                return;
            }
        }
        JsonNode tree = mapper.readTree(waiting.json);
        if (waiting.ack && waiting.ackId != null && completeAck(client, waiting, tree)) {
            return;
        }
        // netty-socketio reads the rest: attachments as base64 text, which Jackson turns into byte[] parameters
        JsonNode inlined = inline(tree, waiting.attachments);
        StringBuilder text = new StringBuilder().append('4').append(waiting.ack ? '3' : '2');
        if (!waiting.nsp.isEmpty()) {
            text.append(waiting.nsp).append(',');
        }
        if (waiting.ackId != null) {
            text.append(waiting.ackId);
        }
        text.append(mapper.writeValueAsString(inlined));
        ctx.fireChannelRead(new PacketsMessage(client, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), transport));
    }

    /** Completes an untyped acknowledgement with plain values; false when netty-socketio should handle it. */
    private boolean completeAck(ClientHead client, Pending waiting, JsonNode tree) throws IOException {
        AckCallback<?> callback = client.getAckManager().getCallback(client.getSessionId(), waiting.ackId);
        if (callback == null || callback instanceof MultiTypeAckCallback
                || (callback.getResultClass() != Object.class && callback.getResultClass() != byte[].class)) {
            return false;
        }
        Namespace namespace = namespaces.get(waiting.nsp);
        NamespaceClient socket = namespace == null ? null : client.getChildClient(namespace);
        if (socket == null) {
            return false;
        }
        List<Object> args = new ArrayList<>();
        if (tree.isArray()) {
            for (JsonNode item : tree) {
                args.add(JsonTrees.toPlain(item, waiting.attachments, 0));
            }
        }
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.ACK);
        packet.setNsp(waiting.nsp);
        packet.setAckId(waiting.ackId);
        packet.setData(args);
        client.getAckManager().onAck(socket, packet);
        return true;
    }

    private static JsonNode inline(JsonNode node, List<byte[]> attachments) {
        int index = JsonTrees.placeholder(node, attachments.size());
        if (index >= 0) {
            return TextNode.valueOf(Base64.getEncoder().encodeToString(attachments.get(index)));
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inline(array.get(i), attachments));
            }
        } else if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(inline(field.getValue(), attachments));
            }
        }
        return node;
    }
}
