package io.siocluster.interop.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.Values;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Compares argument values across languages: numbers by value, binary by content, maps in any order. */
public final class ValueAssertions {

    private ValueAssertions() {
    }

    public static void assertSameValues(@Nullable Object actual, @Nullable Object expected) {
        assertThat(Values.deepEquals(actual, expected))
                .as("expected %s%nbut got  %s", show(expected), show(actual))
                .isTrue();
    }

    /** A value for a failure message: binary as base64, long strings shortened. */
    public static String show(@Nullable Object value) {
        if (value instanceof byte[] bytes) {
            return "bin(" + Base64.getEncoder().encodeToString(bytes) + ")";
        }
        if (value instanceof String s && s.length() > 80) {
            return "\"" + s.substring(0, 40) + "...(" + s.length() + " chars)\"";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValueAssertions::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }
}
