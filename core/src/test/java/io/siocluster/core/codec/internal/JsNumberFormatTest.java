package io.siocluster.core.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("JavaScript number text")
class JsNumberFormatTest {

    // expected values are what Node 20 prints for String(x)
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.1, 0.1", "-1.5, -1.5", "1e21, 1e+21", "1e20, 100000000000000000000", "1e-7, 1e-7", "1e-6, 0.000001",
        "123456789.123, 123456789.123", "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
        "1e300, 1e+300", "0.3333333333333333, 0.3333333333333333", "-2.5e-8, -2.5e-8", "18446744073709552000, 18446744073709552000",
        "1.5e-5, 0.000015", "123e20, 1.23e+22", "2e-7, 2e-7", "9007199254740993, 9007199254740992", "100, 100",
        "0.000001234, 0.000001234", "1.234e-7, 1.234e-7", "4.35, 4.35", "0.1e-6, 1e-7", "2.2250738585072014e-308, 2.2250738585072014e-308"
    })
    void knownValues(double value, String expected) {
        assertThat(JsNumberFormat.toJsString(value)).isEqualTo(expected);
    }

    @Test
    @DisplayName("non-finite values are JSON null; -0 is 0")
    void special() {
        assertThat(JsNumberFormat.toJson(Double.NaN)).isEqualTo("null");
        assertThat(JsNumberFormat.toJson(Double.NEGATIVE_INFINITY)).isEqualTo("null");
        assertThat(JsNumberFormat.toJson(-0.0)).isEqualTo("0");
    }

    @Test
    @DisplayName("the text reads back as the same double, and is never longer than Java's own")
    void roundTrip() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = JsNumberFormat.toJsString(d);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(d);
            assertThat(digits(text)).as("%s vs %s", text, Double.toString(d)).isLessThanOrEqualTo(digits(Double.toString(d)));
        }
    }

    private static int digits(String text) {
        String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
        return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }
}
