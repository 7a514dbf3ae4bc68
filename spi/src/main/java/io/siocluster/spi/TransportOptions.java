package io.siocluster.spi;

import io.siocluster.spi.error.TransportConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of option values for creating a transport. Built with {@link #builder()}; changed
 * copies come from {@link #mutate()}. {@code toString()} prints sensitive values as {@code REDACTED}.
 */
public final class TransportOptions {

    /** Which provider to use, by its {@link TransportProvider#name()}. */
    public static final Option<String> TRANSPORT = Option.string("transport");

    private final Map<Option<?>, Object> values;

    private TransportOptions(Map<Option<?>, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** No options at all: the single provider present, with its defaults. */
    public static TransportOptions empty() {
        return builder().build();
    }

    public Builder mutate() {
        return new Builder(values);
    }

    /** Every option that has a value, in the order they were set. */
    public java.util.Set<Option<?>> options() {
        return values.keySet();
    }

    public boolean has(Option<?> option) {
        return values.containsKey(option);
    }

    public <T> Optional<T> get(Option<T> option) {
        Object value = values.get(option);
        return value == null ? Optional.empty() : Optional.of(option.convert(value));
    }

    public <T> T getOrDefault(Option<T> option, T defaultValue) {
        return get(option).orElse(defaultValue);
    }

    /** The value, or a {@link TransportConfigurationException} that names the missing option. */
    public <T> T getRequired(Option<T> option) {
        return get(option).orElseThrow(() ->
                new TransportConfigurationException("required option '" + option.name() + "' is missing"));
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "TransportOptions{", "}");
        values.forEach((option, value) -> joiner.add(option.name() + "=" + option.display(value)));
        return joiner.toString();
    }

    /** Collects option values; each value is checked against its option's type as it is set. */
    public static final class Builder {
        private final Map<Option<?>, Object> values;

        private Builder(Map<Option<?>, Object> values) {
            this.values = new LinkedHashMap<>(values);
        }

        /** Sets a value; {@code null} removes it. A value of the wrong type fails here, naming the option. */
        public <T> Builder option(Option<T> option, @Nullable Object value) {
            if (value == null) {
                values.remove(option);
            } else {
                option.convert(value);
                values.put(option, value);
            }
            return this;
        }

        public TransportOptions build() {
            return new TransportOptions(values);
        }
    }
}
