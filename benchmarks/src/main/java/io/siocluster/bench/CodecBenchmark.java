package io.siocluster.bench;

import io.siocluster.core.codec.InboundNotification;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.OutboundMessage;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What encoding and decoding a broadcast costs by payload size: the CPU side of choosing a payload
 * threshold. Sizes straddle the 8000-byte default; above it the message is msgpack for the blob store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    @Param({"100", "2000", "7900", "20000"})
    public int textBytes;

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private Envelope envelope;
    private String json;
    private byte[] msgpack;

    @Setup
    public void setUp() {
        BroadcastPacket packet = BroadcastPacket.event("chat", Map.of("user", "ada", "text", "x".repeat(textBytes)));
        envelope = new Envelope("0123456789abcdef", "/", Broadcast.of(packet, BroadcastOptions.toRooms("room-1")));
        json = codec.encodeJson(envelope);
        msgpack = codec.encodeMsgpack(envelope);
    }

    @Benchmark
    public OutboundMessage encode() {
        return codec.encode(envelope);
    }

    /** JSON text alone, whatever the size: {@code encode} above the threshold is this plus {@code encodeMsgpack}. */
    @Benchmark
    public String encodeJson() {
        return codec.encodeJson(envelope);
    }

    @Benchmark
    public byte[] encodeMsgpack() {
        return codec.encodeMsgpack(envelope);
    }

    @Benchmark
    public InboundNotification decodeJson() throws MessageDecodeException {
        return codec.decodeNotification(json, "/");
    }

    @Benchmark
    public Envelope decodeMsgpack() throws MessageDecodeException {
        return codec.decodeAttachment(msgpack, "/");
    }
}
