package io.siocluster.core.codec.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double as JavaScript's {@code Number.prototype.toString} does, which is what
 * {@code JSON.stringify} writes: the shortest digits that read back as the same double, plain notation
 * for exponents from -7 to 20 and {@code 1e+21} style beyond. Non-finite values have no JSON form;
 * {@code JSON.stringify} writes {@code null} for them, and so does {@link #toJson(double)}.
 */
public final class JsNumberFormat {

    private static final int MAX_SIGNIFICANT_DIGITS = 17;

    private JsNumberFormat() {
    }

    /** The JSON text of a number, {@code null} for NaN and infinities. */
    public static String toJson(double value) {
        return Double.isFinite(value) ? toJsString(value) : "null";
    }

    /** {@code String(value)} in JavaScript, for finite values. */
    public static String toJsString(double value) {
        if (value == 0) {
            return "0"; // also -0, as in JavaScript
        }
        if (value < 0) {
            return "-" + toJsString(-value);
        }
        // Java 17's Double.toString can give a digit more than needed, so search the shortest
        // round-tripping precision directly (JDK 19 fixed Double.toString, 17 is our floor).
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= MAX_SIGNIFICANT_DIGITS; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits x 10^n
        return layout(digits, k, n);
    }

    // ECMAScript Number::toString, steps for a positive finite value with digits s, k of them, point at n
    private static String layout(String s, int k, int n) {
        if (k <= n && n <= 21) {
            return s + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return s.substring(0, n) + "." + s.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + s;
        }
        int e = n - 1;
        String exponent = (e < 0 ? "e-" : "e+") + Math.abs(e);
        return k == 1 ? s + exponent : s.charAt(0) + "." + s.substring(1) + exponent;
    }
}
