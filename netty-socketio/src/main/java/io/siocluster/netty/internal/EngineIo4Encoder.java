package io.siocluster.netty.internal;

import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.Attribute;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine.IO 4 half of netty-socketio's {@link EncoderHandler}; see
 * {@code io.siocluster.netty.EngineIo4ChannelInitializer}. Never changes a {@link Packet}: netty-socketio
 * shares one between the clients of a broadcast.
 *
 * <p>A packet that cannot be encoded (a value Jackson fails on) is dropped, counted and logged a few times a minute
 * at most; the packets around it are still sent and no buffer is left unreleased.
 */
@Sharable
public final class EngineIo4Encoder extends EncoderHandler {

    private static final int FRAME_BUFFER_SIZE = 8192;
    private static final int PACKETS_PER_POLL = 50;
    private static final byte RECORD_SEPARATOR = 0x1e;
    private static final Logger LOG = LoggerFactory.getLogger(EngineIo4Encoder.class);

    private final Configuration configuration;
    private final PacketEncoder packets;
    private final JsonSupport json;
    private final LongAdder unencodable = new LongAdder();
    private final LogThrottle unencodableLog = new LogThrottle(3, Duration.ofMinutes(1), System::nanoTime);
    private final FastThreadLocal<SharedFrame> shared;
    private final LastEncoding lastEncoding;

    public EngineIo4Encoder(Configuration configuration) throws IOException {
        this(configuration, System::nanoTime);
    }

    /** With the clock that times how long a broadcast's encoding is shared ({@link SharedFrame}); for tests. */
    EngineIo4Encoder(Configuration configuration, LongSupplier nanoClock) throws IOException {
        this(configuration, new PacketEncoder(configuration, configuration.getJsonSupport()), nanoClock);
    }

    private EngineIo4Encoder(Configuration configuration, PacketEncoder packets, LongSupplier nanoClock)
            throws IOException {
        super(configuration, packets);
        this.configuration = configuration;
        this.packets = packets;
        this.json = configuration.getJsonSupport();
        this.lastEncoding = new LastEncoding(nanoClock);
        this.shared = new FastThreadLocal<>() {
            @Override
            protected SharedFrame initialValue() {
                return new SharedFrame(nanoClock);
            }
        };
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof OutPacketMessage out && EngineIOVersion.V4.equals(out.getClientHead().getEngineIOVersion())) {
            if (out.getTransport() == Transport.WEBSOCKET) {
                writeWebSocket(out, ctx, promise);
                return;
            }
            Boolean b64 = ctx.channel().attr(EncoderHandler.B64).get();
            if (out.getTransport() == Transport.POLLING && (b64 == null || !b64)) {
                writePolling(out, ctx, promise);
                return;
            }
        }
        super.write(ctx, msg, promise);
    }

    private Encoded encode(Packet packet, ByteBufAllocator alloc) throws IOException {
        PacketType sub = packet.getSubType();
        boolean event = sub == PacketType.EVENT || sub == PacketType.BINARY_EVENT;
        boolean ack = sub == PacketType.ACK || sub == PacketType.BINARY_ACK;
        if (packet.getType() != PacketType.MESSAGE || !(event || ack)) {
            ByteBuf out = packets.allocateBuffer(alloc);
            try {
                packets.encodePacket(packet, out, alloc, true);
            } catch (IOException | RuntimeException e) {
                out.release();
                throw e;
            }
            return new Encoded(out, List.of());
        }
        List<Object> data = packet.getData();
        List<@Nullable Object> values = new ArrayList<>((event ? 1 : 0) + (data == null ? 0 : data.size()));
        if (event) {
            values.add(packet.getName());
        }
        if (data != null) {
            values.addAll(data);
        }
        // One buffer: the head as for a packet without binary, then the JSON after it. Only a packet that turns
        // out to hold binary (its attachment count goes into the head) is copied once more behind a new head.
        ByteBuf out = packets.allocateBuffer(alloc);
        try {
            writeHead(out, event, 0, packet);
            int body = out.writerIndex();
            try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
                json.writeValue(stream, values);
            }
            List<byte[]> arrays = json.getArrays();
            if (arrays == null || arrays.isEmpty()) {
                return new Encoded(out, List.of());
            }
            ByteBuf binary = packets.allocateBuffer(alloc);
            try {
                writeHead(binary, event, arrays.size(), packet);
                binary.writeBytes(out, body, out.writerIndex() - body);
            } catch (RuntimeException e) {
                binary.release();
                throw e;
            }
            out.release();
            return new Encoded(binary, new ArrayList<>(arrays));
        } catch (IOException | RuntimeException e) {
            if (out.refCnt() > 0) {
                out.release();
            }
            throw e;
        }
    }

    /** {@code 4} (Engine.IO MESSAGE), the Socket.IO type, {@code <attachments>-} for binary, {@code <nsp>,}, the ack id. */
    private static void writeHead(ByteBuf out, boolean event, int attachments, Packet packet) {
        out.writeByte('4');
        boolean binary = attachments > 0;
        out.writeByte(event ? (binary ? '5' : '2') : (binary ? '6' : '3'));
        if (binary) {
            out.writeCharSequence(Integer.toString(attachments), StandardCharsets.US_ASCII);
            out.writeByte('-');
        }
        String nsp = packet.getNsp();
        if (nsp != null && !nsp.isEmpty()) {
            out.writeCharSequence(nsp, StandardCharsets.UTF_8);
            out.writeByte(',');
        }
        if (packet.getAckId() != null) {
            out.writeCharSequence(Long.toString(packet.getAckId()), StandardCharsets.US_ASCII);
        }
    }

    /** How many packets could not be encoded and were dropped. */
    public long unencodablePackets() {
        return unencodable.sum();
    }

    /**
     * Encodes a packet, or drops it (counted, logged a few times a minute) when it cannot be encoded. The caller
     * owns the returned text. An event or acknowledgement with the same content as the one this thread encoded
     * last, within about a millisecond (the clients of one broadcast) is not encoded again: the caller gets a
     * retained duplicate of the same bytes, as Socket.IO writes one encoding of a broadcast to all its clients;
     * another loop that encoded it just before lends its bytes ({@link LastEncoding}).
     */
    private @Nullable Encoded encodeOrDrop(Packet packet, OutPacketMessage msg, ChannelHandlerContext ctx) {
        try {
            if (!SharedFrame.shareable(packet) || !ctx.executor().inEventLoop()) {
                return encode(packet, ctx.alloc());
            }
            SharedFrame frame = shared.get();
            if (!frame.holds(packet)) {
                Encoded copy = lastEncoding.copyOf(packet, packets, ctx.alloc());
                if (copy == null) {
                    copy = encode(packet, ctx.alloc());
                    lastEncoding.publish(packet, copy);
                }
                frame.hold(packet, copy, ctx.executor());
            }
            return frame.copy();
        } catch (IOException | RuntimeException e) {
            unencodable.increment();
            long heldBack = unencodableLog.admit();
            if (heldBack != LogThrottle.HOLD) {
                LOG.warn("a packet for client {} could not be encoded and was dropped ({} dropped so far, {} not logged since the last line): {}",
                        msg.getClientHead().getSessionId(), unencodable.sum(), heldBack, e.toString());
            }
            return null;
        }
    }

    /**
     * Writes the client's queued packets as frames. The caller's promise goes with the last frame (the earlier ones
     * get their own), as the frames of one client complete in order; the flush is the caller's
     * ({@code writeAndFlush}), coalesced per event-loop turn by {@link FlushPerTurn}.
     */
    private void writeWebSocket(OutPacketMessage msg, ChannelHandlerContext ctx, ChannelPromise promise) {
        Queue<Packet> queue = msg.getClientHead().getPacketsQueue(msg.getTransport());
        @Nullable Object held = null; // the frame written last, once we know whether another follows
        for (Packet packet = queue.poll(); packet != null; packet = queue.poll()) {
            Encoded encoded = encodeOrDrop(packet, msg, ctx);
            if (encoded == null) {
                continue;
            }
            ByteBuf text = encoded.text();
            if (!text.isReadable()) {
                text.release();
            } else if (text.readableBytes() > configuration.getMaxFramePayloadLength()) {
                held = writeHeld(ctx, held, new TextWebSocketFrame(false, 0, text.readRetainedSlice(FRAME_BUFFER_SIZE)));
                while (text.isReadable()) {
                    ByteBuf part = text.readRetainedSlice(Math.min(text.readableBytes(), FRAME_BUFFER_SIZE));
                    held = writeHeld(ctx, held, new ContinuationWebSocketFrame(!text.isReadable(), 0, part));
                }
                text.release();
            } else {
                held = writeHeld(ctx, held, new TextWebSocketFrame(text));
            }
            for (byte[] attachment : encoded.attachments()) {
                held = writeHeld(ctx, held, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(attachment)));
            }
        }
        if (held == null) {
            promise.trySuccess();
        } else {
            ctx.write(held, promise);
        }
    }

    /** Writes the frame held so far (another one follows it) and holds {@code next}. */
    private static Object writeHeld(ChannelHandlerContext ctx, @Nullable Object held, Object next) {
        if (held != null) {
            ctx.write(held);
        }
        return next;
    }

    private void writePolling(OutPacketMessage msg, ChannelHandlerContext ctx, ChannelPromise promise) {
        Channel channel = ctx.channel();
        Attribute<Boolean> once = channel.attr(EncoderHandler.WRITE_ONCE);
        Queue<Packet> queue = msg.getClientHead().getPacketsQueue(msg.getTransport());
        if (!channel.isActive() || queue.isEmpty() || !once.compareAndSet(null, true)) {
            promise.trySuccess();
            return;
        }
        ByteBuf out = packets.allocateBuffer(ctx.alloc());
        int count = 0;
        for (Packet packet = queue.poll(); packet != null; packet = count < PACKETS_PER_POLL ? queue.poll() : null) {
            Encoded encoded = encodeOrDrop(packet, msg, ctx);
            if (encoded == null) {
                continue;
            }
            if (count > 0) {
                out.writeByte(RECORD_SEPARATOR);
            }
            out.writeBytes(encoded.text());
            encoded.text().release();
            for (byte[] attachment : encoded.attachments()) {
                out.writeByte(RECORD_SEPARATOR);
                out.writeByte('b');
                out.writeBytes(Base64.getEncoder().encode(attachment));
            }
            count++;
        }
        if (count == 0) {
            out.writeByte('6'); // every packet was dropped: a noop, as an empty payload is not valid Engine.IO
        }
        respond(msg.getSessionId() == null ? null : msg.getSessionId().toString(), channel, out, promise);
    }

    private void respond(@Nullable String sessionId, Channel channel, ByteBuf out, ChannelPromise promise) {
        HttpResponse res = new DefaultHttpResponse(HTTP_1_1, HttpResponseStatus.OK);
        res.headers().add(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .add(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        if (sessionId != null) {
            res.headers().add(HttpHeaderNames.SET_COOKIE, "io=" + sessionId);
        }
        addOriginHeaders(channel.attr(EncoderHandler.ORIGIN).get(), res);
        HttpUtil.setContentLength(res, out.readableBytes());
        String userAgent = channel.attr(EncoderHandler.USER_AGENT).get();
        if (userAgent != null && (userAgent.contains(";MSIE") || userAgent.contains("Trident/"))) {
            res.headers().add("X-XSS-Protection", "0");
        }
        channel.write(res);
        if (out.isReadable()) {
            channel.write(new DefaultHttpContent(out));
        } else {
            out.release();
        }
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, promise).addListener(ChannelFutureListener.CLOSE);
    }

    /** As netty-socketio's encoder does (its method is private). */
    private void addOriginHeaders(@Nullable String origin, HttpResponse res) {
        if (configuration.isEnableCors()) {
            if (configuration.getOrigin() != null) {
                res.headers().add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, configuration.getOrigin());
                res.headers().add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, Boolean.TRUE);
            } else if (origin != null) {
                res.headers().add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                res.headers().add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, Boolean.TRUE);
            } else {
                res.headers().add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            }
            if (configuration.getAllowHeaders() != null) {
                res.headers().add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, configuration.getAllowHeaders());
            }
        }
    }
}
