package io.siocluster.spi.support;

import io.siocluster.spi.Option;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The checks every transport's option reader makes, written once so that every transport refuses a bad value
 * the same way: at creation, with a {@link TransportConfigurationException} naming the option.
 */
public final class OptionChecks {

    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    private OptionChecks() {
    }

    /** The option's value (or {@code defaultValue}), refused outside {@code [min, max]}. */
    public static int intInRange(TransportOptions options, Option<Integer> option, int defaultValue, int min, int max) {
        int value = options.getOrDefault(option, defaultValue);
        if (value < min || value > max) {
            throw new TransportConfigurationException("option '" + option.name() + "' must be between " + min
                    + " and " + max + ", got " + value);
        }
        return value;
    }

    /** The option's value (or {@code defaultValue}), refused below one millisecond. */
    public static Duration positiveDuration(TransportOptions options, Option<Duration> option, Duration defaultValue) {
        Duration value = options.getOrDefault(option, defaultValue);
        if (value.toMillis() < 1) {
            throw new TransportConfigurationException("option '" + option.name() + "' must be at least 1 ms, got " + value);
        }
        return value;
    }

    /**
     * The instance name that names a transport's threads and connections: the option's value, else
     * {@code prefix} and 8 random hex digits; 1 to 40 letters, digits or {@code _ . -}, since it reaches thread
     * names, log lines and the server's client list.
     */
    public static String instanceName(TransportOptions options, Option<String> option, String prefix) {
        String name = options.get(option)
                .orElseGet(() -> prefix + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000));
        if (!INSTANCE_NAME.matcher(name).matches()) {
            throw new TransportConfigurationException("option '" + option.name() + "': '" + name
                    + "' is refused: use 1 to 40 letters, digits or _ . -");
        }
        return name;
    }
}
