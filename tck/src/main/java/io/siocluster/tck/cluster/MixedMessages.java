package io.siocluster.tck.cluster;

import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A run of numbered events mixing the three ways a message travels: small (inline JSON), 20 kB of multibyte
 * text (an attachment by size) and binary at depth (an attachment by content).
 */
final class MixedMessages {

    static final String EVENT = "mixed";
    static final int COUNT = 24;

    private MixedMessages() {
    }

    /** The arguments of message {@code seq}: its number, then its payload. */
    static Object[] args(int seq) {
        return new Object[] {seq, payload(seq)};
    }

    static BroadcastPacket packet(int seq) {
        return BroadcastPacket.event(EVENT, args(seq));
    }

    static Object payload(int seq) {
        switch (seq % 3) {
            case 0:
                return "small-" + seq;
            case 1:
                return "large-" + seq + "-" + "\u00e9".repeat(10_000); // 20 kB in UTF-8
            default:
                byte[] bytes = new byte[1024];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (seq * 31 + i);
                }
                return Map.of("seq", seq, "nested", List.of("bin", bytes));
        }
    }

    /** "0", "1", ... up to {@link #COUNT}: what every receiver must see. */
    static List<String> expected() {
        return IntStream.range(0, COUNT).mapToObj(Integer::toString).toList();
    }

    /** The mixed messages among {@code received}, as their numbers, marked when the payload arrived altered. */
    static List<String> seen(List<BroadcastPacket> received) {
        List<String> seen = new ArrayList<>();
        for (BroadcastPacket packet : received) {
            if (EVENT.equals(packet.event())) {
                int seq = ((Number) packet.args().get(0)).intValue();
                boolean intact = packet.args().size() == 2 && Values.deepEquals(packet.args().get(1), payload(seq));
                seen.add(intact ? Integer.toString(seq) : seq + " (payload altered)");
            }
        }
        return seen;
    }

    /** Whether {@code event} is among {@code received}. */
    static boolean contains(List<BroadcastPacket> received, String event) {
        return received.stream().anyMatch(packet -> event.equals(packet.event()));
    }
}
