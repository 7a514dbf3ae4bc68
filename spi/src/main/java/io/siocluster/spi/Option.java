package io.siocluster.spi;

import io.siocluster.spi.error.TransportConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A typed, named configuration key. Options compare by name. A sensitive option (a password) never shows
 * its value in {@code toString()}. Values may be given as the option's type or, for options read from
 * text (system properties, files), as a {@code String} that the option parses.
 *
 * @param <T> the value type
 */
public final class Option<T> {

    private final String name;
    private final Class<T> type;
    private final boolean sensitive;
    private final @Nullable Function<String, T> parser;

    private Option(String name, Class<T> type, boolean sensitive, @Nullable Function<String, T> parser) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("option name must not be blank");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.sensitive = sensitive;
        this.parser = parser;
    }

    /** A plain option whose value is an object of {@code type}, not parsed from text. */
    public static <T> Option<T> of(String name, Class<T> type) {
        return new Option<>(name, type, false, null);
    }

    public static Option<String> string(String name) {
        return new Option<>(name, String.class, false, Function.identity());
    }

    /** A secret: its value prints as {@code REDACTED}. */
    public static Option<String> secret(String name) {
        return new Option<>(name, String.class, true, Function.identity());
    }

    public static Option<Integer> integer(String name) {
        return new Option<>(name, Integer.class, false, s -> Integer.valueOf(s.trim()));
    }

    public static Option<Boolean> bool(String name) {
        return new Option<>(name, Boolean.class, false, Option::parseBoolean);
    }

    /** A duration, as text either ISO-8601 ({@code PT5S}) or milliseconds ({@code 5000}). */
    public static Option<Duration> duration(String name) {
        return new Option<>(name, Duration.class, false, Option::parseDuration);
    }

    /** One constant of {@code type}, as text its name in any case ({@code drop_oldest} reads as {@code DROP_OLDEST}). */
    public static <E extends Enum<E>> Option<E> enumeration(String name, Class<E> type) {
        return new Option<>(name, type, false, s -> Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public boolean sensitive() {
        return sensitive;
    }

    /** Converts a raw value to {@code T}, or fails naming this option. */
    T convert(Object value) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof String text && parser != null) {
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw new TransportConfigurationException("option '" + name + "': cannot read "
                        + (sensitive ? "the given text" : "'" + text + "'") + " as " + type.getSimpleName(), e);
            }
        }
        throw new TransportConfigurationException("option '" + name + "' takes a " + type.getName()
                + ", got a " + value.getClass().getName());
    }

    String display(Object value) {
        return sensitive ? "REDACTED" : String.valueOf(value);
    }

    private static Boolean parseBoolean(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        throw new IllegalArgumentException("not true or false");
    }

    private static Duration parseDuration(String s) {
        String t = s.trim();
        return t.startsWith("P") || t.startsWith("p") ? Duration.parse(t) : Duration.ofMillis(Long.parseLong(t));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Option<?> other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
