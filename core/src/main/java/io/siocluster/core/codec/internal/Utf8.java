package io.siocluster.core.codec.internal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes of a string as JavaScript's {@code TextEncoder} makes them: a lone surrogate becomes
 * U+FFFD (EF BF BD). Java's own encoder writes {@code ?} there, which would change the text.
 */
final class Utf8 {

    private Utf8() {
    }

    static byte[] encode(String s) {
        if (!hasLoneSurrogate(s)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder repaired = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                repaired.append(c).append(s.charAt(++i));
            } else {
                repaired.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return repaired.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean hasLoneSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
