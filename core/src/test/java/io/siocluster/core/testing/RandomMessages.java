package io.siocluster.core.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random but reproducible messages for round-trip properties: every message type, and argument trees
 * with every value kind (binary optional), multibyte and surrogate-pair text, numbers at the msgpack
 * format boundaries, nesting a few levels deep.
 */
public final class RandomMessages {

    private static final String[] TEXT = {"", "a", "room", "h\u00e9llo", "\u2713", "\ud83d\ude00", "\u4e2d\u6587",
        "\"quoted\\\"", "line\nbreak", "\u0000\u001f", "</script>", "\u2028", "\u20ac\u20ac\u20ac"};
    private static final long[] EDGES = {0, 1, -1, 31, 32, -32, -33, 127, 128, -128, -129, 255, 256, 32767, 32768,
        -32768, -32769, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 4294967295L, 4294967296L,
        (1L << 53) - 1, -((1L << 53) - 1), Long.MAX_VALUE, Long.MIN_VALUE};

    private final Random random;
    private final boolean binary;

    public RandomMessages(long seed, boolean binary) {
        this.random = new Random(seed);
        this.binary = binary;
    }

    public Envelope envelope() {
        String uid = random.nextInt(10) == 0 ? Envelope.EMITTER_UID : hex(16);
        String nsp = random.nextBoolean() ? "/" : "/" + word();
        return new Envelope(uid, nsp, message(MessageType.values()[random.nextInt(MessageType.values().length)]));
    }

    public ClusterMessage message(MessageType type) {
        switch (type) {
            case INITIAL_HEARTBEAT:
                return InitialHeartbeat.INSTANCE;
            case HEARTBEAT:
                return Heartbeat.INSTANCE;
            case ADAPTER_CLOSE:
                return AdapterClose.INSTANCE;
            case BROADCAST:
                return new Broadcast(packet(), opts(), random.nextBoolean() ? hex(16) : null);
            case SOCKETS_JOIN:
                return new SocketsJoin(opts(), words());
            case SOCKETS_LEAVE:
                return new SocketsLeave(opts(), words());
            case DISCONNECT_SOCKETS:
                return new DisconnectSockets(opts(), random.nextBoolean());
            case FETCH_SOCKETS:
                return new FetchSockets(opts(), hex(16));
            case FETCH_SOCKETS_RESPONSE:
                List<SocketDetails> sockets = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    sockets.add(new SocketDetails(word(), object(2), words(), value(2)));
                }
                return new FetchSocketsResponse(hex(16), sockets);
            case SERVER_SIDE_EMIT:
                return new ServerSideEmit(eventData(), random.nextBoolean() ? hex(16) : null);
            case SERVER_SIDE_EMIT_RESPONSE:
                return new ServerSideEmitResponse(hex(16), value(3));
            case BROADCAST_CLIENT_COUNT:
                return new BroadcastClientCount(hex(16), random.nextInt(Integer.MAX_VALUE));
            case BROADCAST_ACK:
                return new BroadcastAck(hex(16), value(3));
            default:
                throw new IllegalArgumentException(type.toString());
        }
    }

    private BroadcastPacket packet() {
        return new BroadcastPacket(2, eventData(), random.nextInt(4) == 0 ? "/" : null,
                random.nextInt(8) == 0 ? (long) random.nextInt(1000) : null);
    }

    private List<@Nullable Object> eventData() {
        List<@Nullable Object> data = new ArrayList<>();
        data.add(word());
        for (int i = random.nextInt(5); i > 0; i--) {
            data.add(value(4));
        }
        return data;
    }

    private BroadcastOptions opts() {
        BroadcastFlags.Builder flags = BroadcastFlags.builder();
        // random order of setting, random subset: order must survive the round trip
        for (int i = random.nextInt(5); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> flags.volatileFlag(random.nextBoolean());
                case 1 -> flags.compress(random.nextBoolean());
                case 2 -> flags.timeoutMillis(random.nextInt(100_000));
                default -> flags.expectSingleResponse(random.nextBoolean());
            }
        }
        return new BroadcastOptions(words(), words(), flags.build());
    }

    /** A random argument tree, up to {@code depth} levels of containers. */
    public @Nullable Object value(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        switch (kind) {
            case 0:
                return random.nextInt(3) == 0 ? null : random.nextBoolean();
            case 1:
                return EDGES[random.nextInt(EDGES.length)];
            case 2:
                return random.nextInt();
            case 3:
                double d = switch (random.nextInt(4)) {
                    case 0 -> random.nextDouble();
                    case 1 -> -random.nextDouble() * 1e6;
                    case 2 -> Double.longBitsToDouble(random.nextLong());
                    default -> random.nextGaussian() * 1e-8;
                };
                // NaN and infinities have no JSON form; whole doubles beyond 2^53 come back from JSON as the
                // Long of their JavaScript digits (the same double for a JavaScript reader): see ValuesTest
                boolean wholeBeyondSafe = d == Math.rint(d) && Math.abs(d) > 9007199254740991.0;
                return Double.isFinite(d) && !wholeBeyondSafe ? d : 0.5;
            case 4:
            case 5:
                return text();
            case 6:
                return binary ? bytes() : text();
            case 7:
                return list(depth - 1);
            default:
                return object(depth - 1);
        }
    }

    private List<@Nullable Object> list(int depth) {
        List<@Nullable Object> list = new ArrayList<>();
        for (int i = random.nextInt(random.nextInt(10) == 0 ? 40 : 5); i > 0; i--) {
            list.add(value(depth));
        }
        return list;
    }

    private Map<String, @Nullable Object> object(int depth) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(random.nextInt(10) == 0 ? 20 : 5); i > 0; i--) {
            map.put(text(), value(Math.max(depth, 0)));
        }
        return map;
    }

    private String text() {
        if (random.nextInt(60) == 0) {
            return "x".repeat(random.nextInt(70_000)); // str 8 / 16 / 32 sizes
        }
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            s.append(TEXT[random.nextInt(TEXT.length)]);
        }
        return s.toString();
    }

    private byte[] bytes() {
        int size = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 300; // bin 16
            case 2 -> 70_000; // bin 32
            default -> random.nextInt(40);
        };
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private String word() {
        return "w" + Integer.toString(random.nextInt(100_000), 36) + (random.nextInt(5) == 0 ? "\u00e9" : "");
    }

    private List<String> words() {
        List<String> words = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            words.add(word());
        }
        return words;
    }

    private String hex(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}
