package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.store.MemoryStoreFactory;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link EngineIo4Encoder} writes one encoding of a broadcast's packet to all the clients of an event loop. */
class SharedFrameTest {

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void clientsOfOneBroadcastGetTheSameBytesAndLaterPacketsTheirOwn() throws Exception {
        List<ClientHead> heads = clients(2);
        Packet shared = event("news", "hello");
        heads.forEach(head -> head.send(shared, Transport.WEBSOCKET));
        TextWebSocketFrame first = channels.get(0).readOutbound();
        TextWebSocketFrame second = channels.get(1).readOutbound();
        try {
            assertThat(text(first)).isEqualTo("42[\"news\",\"hello\"]").isEqualTo(text(second));
            assertThat(memory(first.content())).as("the same memory").isEqualTo(memory(second.content()));
        } finally {
            first.release();
            second.release();
        }
        // the next packets replace the held frame, which is released

        // a packet with other data, even of the same name in the same turn, is encoded for itself
        heads.get(0).send(event("news", "again"), Transport.WEBSOCKET);
        heads.get(1).send(event("news", "other"), Transport.WEBSOCKET);
        TextWebSocketFrame again = channels.get(0).readOutbound();
        TextWebSocketFrame other = channels.get(1).readOutbound();
        try {
            assertThat(text(again)).isEqualTo("42[\"news\",\"again\"]");
            assertThat(text(other)).isEqualTo("42[\"news\",\"other\"]");
        } finally {
            again.release();
            other.release();
        }
    }

    @Test
    void binaryAttachmentsAndAckIdsStayPerPacket() throws Exception {
        List<ClientHead> heads = clients(2);
        Packet binary = event("file", new byte[] {1, 2, 3});
        heads.forEach(head -> head.send(binary, Transport.WEBSOCKET));
        for (EmbeddedChannel channel : channels) {
            TextWebSocketFrame text = channel.readOutbound();
            BinaryWebSocketFrame attachment = channel.readOutbound();
            try {
                assertThat(text(text)).isEqualTo("451-[\"file\",{\"_placeholder\":true,\"num\":0}]");
                assertThat(attachment.content().readableBytes()).isEqualTo(3);
            } finally {
                text.release();
                attachment.release();
            }
        }
        Packet acked = event("ask", "q");
        acked.setAckId(7L);
        heads.get(0).send(acked, Transport.WEBSOCKET);
        Packet copy = event("ask", "q");
        copy.setData(acked.getData()); // the same data list, another ack id
        copy.setAckId(8L);
        heads.get(1).send(copy, Transport.WEBSOCKET);
        assertThat(textOf(channels.get(0))).isEqualTo("427[\"ask\",\"q\"]");
        assertThat(textOf(channels.get(1))).isEqualTo("428[\"ask\",\"q\"]");
    }

    @Test
    void anEncodingIsSharedForAMillisecondOnlyAndReleasedByTheCoarseTimer() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<ClientHead> heads = clients(3, now::get);
        // The release timer must fire when the test advances the loop's clock, never because real time passed
        // (failed once in CI: the held encoding was already released before the test looked).
        channels.forEach(EmbeddedChannel::freezeTime);
        Packet shared = event("news", "hello");
        heads.get(0).send(shared, Transport.WEBSOCKET);
        now.addAndGet(SharedFrame.SHARE_NANOS - 1);
        heads.get(1).send(shared, Transport.WEBSOCKET);
        now.addAndGet(1);
        heads.get(2).send(shared, Transport.WEBSOCKET); // the same packet, a millisecond after it was encoded
        TextWebSocketFrame first = channels.get(0).readOutbound();
        TextWebSocketFrame second = channels.get(1).readOutbound();
        TextWebSocketFrame third = channels.get(2).readOutbound();
        try {
            assertThat(text(third)).isEqualTo(text(first)).isEqualTo("42[\"news\",\"hello\"]");
            assertThat(memory(second.content())).as("within the window: the same memory").isEqualTo(memory(first.content()));
            assertThat(memory(third.content())).as("after it: encoded again").isNotEqualTo(memory(first.content()));
            // the held encoding (the third's) is released by the timer, not by another broadcast: then only the
            // frame written to the client (a retained duplicate) still holds the bytes
            ByteBuf held = third.content().unwrap();
            assertThat(held).as("a retained duplicate of the held buffer").isNotNull();
            assertThat(held.refCnt()).isEqualTo(2);
            now.addAndGet(SharedFrame.RELEASE_NANOS);
            // the timer was started on the loop of the first hold (one thread-local frame, one timer at a time)
            channels.get(0).advanceTimeBy(SharedFrame.RELEASE_NANOS, TimeUnit.NANOSECONDS);
            channels.get(0).runScheduledPendingTasks();
            assertThat(held.refCnt()).isEqualTo(1);
        } finally {
            first.release();
            second.release();
            third.release();
        }
    }

    @Test
    void anotherLoopCopiesTheEncodingInsteadOfEncodingAgain() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<ClientHead> heads = clients(2, now::get);
        Counted value = new Counted();
        Packet shared = event("news", value);
        heads.get(0).send(shared, Transport.WEBSOCKET);
        Thread otherLoop = new Thread(() -> heads.get(1).send(shared, Transport.WEBSOCKET)); // its own SharedFrame
        otherLoop.start();
        otherLoop.join();
        assertThat(textOf(channels.get(1))).isEqualTo(textOf(channels.get(0))).isEqualTo("42[\"news\",{\"v\":\"x\"}]");
        assertThat(value.serialized).as("encoded by Jackson once").hasValue(1);
        // each thread's held encoding is released by its timer on the loop that held it: run both timers, or the
        // held buffers leak into the next test's leak detector (EncoderFailureTest runs Netty's at PARANOID)
        now.addAndGet(SharedFrame.RELEASE_NANOS);
        for (EmbeddedChannel channel : channels) {
            channel.advanceTimeBy(SharedFrame.RELEASE_NANOS, TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    /** A value that counts how often Jackson writes it. */
    public static final class Counted {
        private final AtomicInteger serialized = new AtomicInteger();

        public String getV() {
            serialized.incrementAndGet();
            return "x";
        }
    }

    /** Where a buffer's bytes are (a leak detector may wrap a buffer, so not the buffer object itself). */
    private static Object memory(ByteBuf buffer) {
        return buffer.hasArray() ? buffer.array() : (Object) (buffer.memoryAddress() + buffer.readerIndex());
    }

    private static String textOf(EmbeddedChannel channel) {
        WebSocketFrame frame = channel.readOutbound();
        try {
            return text(frame);
        } finally {
            frame.release();
        }
    }

    private static String text(WebSocketFrame frame) {
        ByteBuf content = frame.content();
        return content.toString(content.readerIndex(), content.readableBytes(), StandardCharsets.UTF_8);
    }

    private static Packet event(String name, Object argument) {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName(name);
        packet.setData(Arrays.asList(argument));
        return packet;
    }

    /** Clients on a frozen clock: every send falls into one sharing window, however slow the machine. */
    private List<ClientHead> clients(int count) throws Exception {
        return clients(count, () -> 0L);
    }

    private List<ClientHead> clients(int count, LongSupplier nanoClock) throws Exception {
        Configuration configuration = new Configuration();
        configuration.setJsonSupport(new JacksonJsonSupport());
        EngineIo4Encoder encoder = new EngineIo4Encoder(configuration, nanoClock);
        HandshakeData handshake = new HandshakeData(new DefaultHttpHeaders(), Map.of(),
                new InetSocketAddress("127.0.0.1", 1), "/socket.io/", false);
        ClientsBox box = new ClientsBox();
        List<ClientHead> heads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClientHead head = new ClientHead(UUID.randomUUID(), null, null, new MemoryStoreFactory(), handshake, box,
                    Transport.WEBSOCKET, null, configuration, Map.of(EngineIOVersion.EIO, List.of("4")));
            EmbeddedChannel channel = new EmbeddedChannel(encoder);
            head.bindChannel(channel, Transport.WEBSOCKET);
            channels.add(channel);
            heads.add(head);
        }
        return heads;
    }
}
