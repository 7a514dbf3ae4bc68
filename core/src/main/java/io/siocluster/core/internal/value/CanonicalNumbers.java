package io.siocluster.core.internal.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one Java form of each number on the wire. JavaScript has a single number type, so Node writes
 * {@code 3.0} as {@code 3} (JSON) or as an integer (msgpack): a whole number within the safe-integer
 * range becomes {@link Integer} when it fits, else {@link Long}; any other value is a {@link Double}.
 * Longs beyond 2^53 stay exact (Java peers keep the precision; Node rounds them when it reads them).
 */
public final class CanonicalNumbers {

    /** {@code Number.MAX_SAFE_INTEGER}: 2^53 - 1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private CanonicalNumbers() {
    }

    public static Number canonical(Number n) {
        if (n instanceof Integer) {
            return n;
        }
        if (n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong) {
            return ofLong(n.longValue());
        }
        if (n instanceof BigInteger big) {
            return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
                    ? ofLong(big.longValue())
                    : ofDouble(big.doubleValue());
        }
        if (n instanceof BigDecimal dec) {
            return ofDouble(dec.doubleValue());
        }
        return ofDouble(n.doubleValue());
    }

    public static Number ofLong(long value) {
        // not a ?: expression: Integer and Long operands would be promoted to a Long
        if (value == (int) value) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }

    public static Number ofDouble(double value) {
        // -0.0 == 0 and Math.rint(-0.0) == -0.0, so negative zero becomes integer 0 as in JSON.stringify
        if (value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER) {
            return ofLong((long) value);
        }
        return Double.valueOf(value);
    }
}
