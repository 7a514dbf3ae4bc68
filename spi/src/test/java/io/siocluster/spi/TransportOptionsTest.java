package io.siocluster.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.error.TransportConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transport options")
class TransportOptionsTest {

    private static final Option<String> URL = Option.string("url");
    private static final Option<String> PASSWORD = Option.secret("password");
    private static final Option<Integer> CAPACITY = Option.integer("capacity");
    private static final Option<Duration> INTERVAL = Option.duration("interval");
    private static final Option<Boolean> CREATE = Option.bool("create");

    @Test
    @DisplayName("secrets print as REDACTED, other values as they are")
    void redactsSecrets() {
        TransportOptions options = TransportOptions.builder().option(URL, "jdbc:x").option(PASSWORD, "hunter2").build();

        assertThat(options.toString()).isEqualTo("TransportOptions{url=jdbc:x, password=REDACTED}");
        assertThat(options.getRequired(PASSWORD)).isEqualTo("hunter2");
    }

    @Test
    @DisplayName("values given as text are parsed by the option: integers, booleans, durations in ms or ISO-8601")
    void parsesText() {
        TransportOptions options = TransportOptions.builder()
                .option(CAPACITY, " 42 ").option(CREATE, "TRUE").option(INTERVAL, "PT5S").build();

        assertThat(options.get(CAPACITY)).contains(42);
        assertThat(options.get(CREATE)).contains(true);
        assertThat(options.get(INTERVAL)).contains(Duration.ofSeconds(5));
        assertThat(options.mutate().option(INTERVAL, "250").build().get(INTERVAL)).contains(Duration.ofMillis(250));
    }

    @Test
    @DisplayName("a value of the wrong type fails at build time, naming the option")
    void wrongTypeFailsEarly() {
        assertThatThrownBy(() -> TransportOptions.builder().option(CAPACITY, "many"))
                .isInstanceOf(TransportConfigurationException.class).hasMessageContaining("'capacity'");
        assertThatThrownBy(() -> TransportOptions.builder().option(CAPACITY, 4.5))
                .isInstanceOf(TransportConfigurationException.class).hasMessageContaining("'capacity'");
    }

    @Test
    @DisplayName("a missing required option fails naming it; mutate() copies without changing the original")
    void requiredAndMutate() {
        TransportOptions original = TransportOptions.builder().option(URL, "a").build();
        TransportOptions changed = original.mutate().option(URL, "b").option(CAPACITY, 1).build();

        assertThatThrownBy(() -> original.getRequired(CAPACITY))
                .isInstanceOf(TransportConfigurationException.class).hasMessageContaining("'capacity'");
        assertThat(original.get(URL)).contains("a");
        assertThat(changed.get(URL)).contains("b");
        assertThat(changed.mutate().option(CAPACITY, null).build().has(CAPACITY)).isFalse();
    }
}
