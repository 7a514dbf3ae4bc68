package io.siocluster.bench;

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
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.util.ReferenceCountUtil;
import io.siocluster.netty.internal.EngineIo4Encoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the server's outbound path costs for one broadcast to {@code clients} Engine.IO 4 websocket clients on one
 * event loop: netty-socketio's queue, the binding's {@link EngineIo4Encoder}, the frames. {@code perClientPacket}
 * gives every client its own packet (how {@code NettyLocalSide} delivered remote broadcasts before, and what
 * {@code sendEvent} per client does): one Jackson encoding per client. {@code sharedPacket} gives all clients the
 * same packet, as netty-socketio's {@code BroadcastOperations} and now {@code NettyLocalSide} do: the encoder
 * encodes it once (see SharedFrame). EmbeddedChannel, so no socket writes: the CPU of the Java side only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    @Param({"20"})
    public int clients;

    @Param({"100", "4000"})
    public int textBytes;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<ClientHead> heads = new ArrayList<>();
    private Map<String, Object> message;

    @Setup
    public void setUp() throws IOException {
        Configuration configuration = new Configuration();
        configuration.setJsonSupport(new JacksonJsonSupport());
        EngineIo4Encoder encoder = new EngineIo4Encoder(configuration);
        MemoryStoreFactory stores = new MemoryStoreFactory();
        ClientsBox box = new ClientsBox();
        HandshakeData handshake = new HandshakeData(new DefaultHttpHeaders(), Map.of(), new InetSocketAddress("127.0.0.1", 1),
                "/socket.io/", false);
        for (int i = 0; i < clients; i++) {
            ClientHead head = new ClientHead(UUID.randomUUID(), null, null, stores, handshake, box, Transport.WEBSOCKET, null,
                    configuration, Map.of(EngineIOVersion.EIO, List.of("4")));
            EmbeddedChannel channel = new EmbeddedChannel(encoder);
            head.bindChannel(channel, Transport.WEBSOCKET);
            channels.add(channel);
            heads.add(head);
        }
        message = new LinkedHashMap<>();
        message.put("id", 12345L);
        message.put("sentAt", 1_700_000_000_000L);
        message.put("payload", "x".repeat(textBytes));
    }

    @TearDown
    public void tearDown() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Benchmark
    public int perClientPacket() {
        for (ClientHead head : heads) {
            head.send(event(), Transport.WEBSOCKET);
        }
        return drain();
    }

    @Benchmark
    public int sharedPacket() {
        Packet packet = event();
        for (ClientHead head : heads) {
            head.send(packet, Transport.WEBSOCKET);
        }
        return drain();
    }

    private Packet event() {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName("bcast");
        packet.setData(Arrays.asList(new Object[] {message}));
        return packet;
    }

    /** Ends the loop's turn and releases what the clients were sent. */
    private int drain() {
        int bytes = 0;
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
            for (Object frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
                bytes++;
                ReferenceCountUtil.release(frame);
            }
        }
        return bytes;
    }
}
