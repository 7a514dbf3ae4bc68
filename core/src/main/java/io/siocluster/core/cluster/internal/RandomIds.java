package io.siocluster.core.cluster.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids as Node makes them: 8 random bytes in hex, for node uids and request ids. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    public static String next() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
