package io.siocluster.bench;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import io.siocluster.netty.internal.ValueConverter;
import java.util.List;
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
 * What the drop-in path's argument conversion ({@code ValueConverter}, once per broadcast forwarded to the other
 * nodes) costs for an application's own type, as the end-to-end benchmark sends, and for a binary-carrying one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConversionBenchmark {

    /** Like the end-to-end benchmark's message. */
    public static final class Message {
        public long id = 12345;
        public long sentAt = 1_700_000_000_000L;
        public String node = "java-1";
        public String payload;
    }

    /** A type with nested values and an attachment. */
    public static final class WithBinary {
        public String name = "file";
        public Map<String, Object> meta = Map.of("size", 1024, "tags", List.of("a", "b"));
        public byte[] data = new byte[1024];
    }

    @Param({"100", "4000"})
    public int textBytes;

    private final ValueConverter converter = new ValueConverter(new JacksonJsonSupport());
    private List<Object> message;
    private final List<Object> binary = List.of(new WithBinary());

    @Setup
    public void setUp() {
        Message m = new Message();
        m.payload = "x".repeat(textBytes);
        message = List.of(m);
    }

    @Benchmark
    public List<Object> pojo() {
        return converter.list(message);
    }

    @Benchmark
    public List<Object> pojoWithBinary() {
        return converter.list(binary);
    }
}
