package io.siocluster.netty.internal;

import com.corundumstudio.socketio.AckCallback;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       own decoder breaks base64 into lines and fails on attachments over 57 bytes.</li>
 * </ul>
 */
@Sharable
public final class EngineIo4BinaryDecoder extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineIo4BinaryDecoder.class);
    private static final byte RECORD_SEPARATOR = 0x1e;

    private final NamespacesHub namespaces;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<ClientHead, Pending> pending = Collections.synchronizedMap(new WeakHashMap<>());

    public EngineIo4BinaryDecoder(NamespacesHub namespaces) {
        this.namespaces = namespaces;
    }

    /** A binary packet waiting for its attachments. */
    private static final class Pending {
        final boolean ack;
        final int expected;
        final String nsp;
        final @Nullable Long ackId;
        final String json;
        final List<byte[]> attachments = new ArrayList<>();

        Pending(boolean ack, int expected, String nsp, @Nullable Long ackId, String json) {
            this.ack = ack;
            this.expected = expected;
            this.nsp = nsp;
            this.ackId = ackId;
            this.json = json;
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
            waiting.attachments.add(ByteBufUtil.getBytes(content));
            content.skipBytes(content.readableBytes());
            completeIfLoaded(ctx, client, waiting, message.getTransport());
            return;
        }
        if (isBinaryPacket(content, content.readerIndex(), content.writerIndex())) {
            String text = content.toString(StandardCharsets.UTF_8);
            content.skipBytes(content.readableBytes());
            start(client, text);
            return;
        }
        ctx.fireChannelRead(message);
    }

    private void onPollingPayload(ChannelHandlerContext ctx, PacketsMessage message) throws IOException {
        ClientHead client = message.getClient();
        ByteBuf content = message.getContent();
        if (!pending.containsKey(client) && !hasBinaryPacket(content)) {
            ctx.fireChannelRead(message);
            return;
        }
        List<ByteBuf> records = split(content);
        content.skipBytes(content.readableBytes());
        for (ByteBuf record : records) {
            Pending waiting = pending.get(client);
            if (waiting != null && record.isReadable() && record.getByte(record.readerIndex()) == 'b') {
                String base64 = record.toString(record.readerIndex() + 1, record.readableBytes() - 1, StandardCharsets.US_ASCII);
                waiting.attachments.add(Base64.getMimeDecoder().decode(base64)); // clients may break lines
                completeIfLoaded(ctx, client, waiting, message.getTransport());
            } else if (isBinaryPacket(record, record.readerIndex(), record.writerIndex())) {
                start(client, record.toString(StandardCharsets.UTF_8));
            } else if (record.isReadable()) {
                ctx.fireChannelRead(new PacketsMessage(client, record, message.getTransport()));
            }
        }
    }

    private static boolean isBinaryPacket(ByteBuf buf, int from, int to) {
        return to - from > 2 && buf.getByte(from) == '4' && (buf.getByte(from + 1) == '5' || buf.getByte(from + 1) == '6');
    }

    private static boolean hasBinaryPacket(ByteBuf content) {
        int start = content.readerIndex();
        for (int i = start; i <= content.writerIndex(); i++) {
            if (i == content.writerIndex() || content.getByte(i) == RECORD_SEPARATOR) {
                if (isBinaryPacket(content, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static List<ByteBuf> split(ByteBuf content) {
        List<ByteBuf> records = new ArrayList<>();
        int start = content.readerIndex();
        for (int i = start; i <= content.writerIndex(); i++) {
            if (i == content.writerIndex() || content.getByte(i) == RECORD_SEPARATOR) {
                records.add(Unpooled.copiedBuffer(content.slice(start, i - start)));
                start = i + 1;
            }
        }
        return records;
    }

    /** Reads {@code 4 5|6 <count> - [<nsp>,] [<ack id>] <json>}. */
    private void start(ClientHead client, String text) {
        boolean ack = text.charAt(1) == '6';
        int i = 2;
        int dash = text.indexOf('-', i);
        if (dash < 0) {
            LOG.debug("binary packet without attachment count from {} dropped", client.getSessionId());
            return;
        }
        int count = Integer.parseInt(text.substring(i, dash));
        i = dash + 1;
        String nsp = "";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int bracket = text.indexOf('[', i);
            int end = comma >= 0 && (bracket < 0 || comma < bracket) ? comma : (bracket >= 0 ? bracket : text.length());
            nsp = text.substring(i, end);
            i = end < text.length() && text.charAt(end) == ',' ? end + 1 : end;
        }
        int digits = i;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        Long ackId = digits > i ? Long.valueOf(text.substring(i, digits)) : null;
        pending.put(client, new Pending(ack, count, nsp, ackId, text.substring(digits)));
    }

    private void completeIfLoaded(ChannelHandlerContext ctx, ClientHead client, Pending waiting, Transport transport)
            throws IOException {
        if (waiting.attachments.size() < waiting.expected) {
            return;
        }
        pending.remove(client);
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
