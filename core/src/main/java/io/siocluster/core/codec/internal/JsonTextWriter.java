package io.siocluster.core.codec.internal;

import io.siocluster.core.internal.value.CanonicalNumbers;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a value tree as {@code JSON.stringify} would: no whitespace, keys in map order, numbers in
 * JavaScript form, and JavaScript's string escapes: only the quote, the backslash and control characters
 * are escaped (six-character escapes in lower-case hex where no short form exists), lone surrogates are
 * escaped the same way, everything else is written as it is. Matching Node byte for byte keeps payload
 * sizes, and so the inline-or-attachment decision, identical on both sides.
 */
public final class JsonTextWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonTextWriter() {
    }

    public static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder(128);
        writeValue(out, value);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            writeNumber(out, n);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof List<?> list) {
            writeArray(out, list);
        } else if (value instanceof byte[]) {
            throw new IllegalArgumentException("binary has no JSON form: the message must go as an attachment");
        } else {
            throw new IllegalArgumentException("not a protocol value: " + value.getClass().getName());
        }
    }

    private static void writeNumber(StringBuilder out, Number n) {
        Number canonical = CanonicalNumbers.canonical(n);
        if (canonical instanceof Double d) {
            out.append(JsNumberFormat.toJson(d));
        } else {
            out.append(canonical.longValue());
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, (String) e.getKey());
            out.append(':');
            writeValue(out, e.getValue());
        }
        out.append('}');
    }

    private static void writeArray(StringBuilder out, List<?> list) {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeValue(out, item);
        }
        out.append(']');
    }

    static void writeString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int run = 0; // start of the characters not yet written, none of which needs an escape
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue; // written with its run: one append per run instead of one per character
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                        run = i + 1;
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(out, c); // well-formed JSON.stringify (ES2019) escapes lone surrogates
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(s, run, n);
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }
}
