package io.siocluster.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.Option;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.TransportProvider;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.TransportConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Provider discovery rules D1-D5. Extend it and implement {@link #transportOptions()}. */
@DisplayName("Provider discovery")
public abstract class ProviderKit extends TransportKitSupport {

    private String providerName() {
        return transportOptions().get(TransportOptions.TRANSPORT).orElseThrow(() -> new AssertionError(
                "D1 the kit's transportOptions() must name the provider with TransportOptions.TRANSPORT"));
    }

    @Test
    @DisplayName("D1 ServiceLoader discovery finds exactly one provider by the transport's name")
    void foundByName() {
        TransportProvider provider = Transports.provider(providerName());

        assertThat(provider.name()).as("D1 the provider found").isEqualTo(providerName());
    }

    @Test
    @DisplayName("D2 the provider is listed among all providers")
    void listed() {
        assertThat(Transports.providers()).as("D2 providers found")
                .extracting(TransportProvider::name).contains(providerName());
    }

    @Test
    @DisplayName("D3 an unknown provider name fails with a TransportConfigurationException that lists this provider")
    void unknownNameListsProviders() {
        TransportOptions unknown = transportOptions().mutate()
                .option(TransportOptions.TRANSPORT, "no-such-transport").build();

        assertThatThrownBy(() -> Transports.create(unknown)).as("D3 creating an unknown provider")
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("no-such-transport")
                .hasMessageContaining("'" + providerName() + "'");
    }

    @Test
    @DisplayName("D4 a transport reports the name of the provider that made it")
    void transportKnowsItsProvider() {
        Transport transport = newTransport();

        assertThat(transport.providerName()).as("D4 providerName()").isEqualTo(providerName());
    }

    @Test
    @DisplayName("D5 sensitive option values print as REDACTED")
    void secretsRedacted() {
        TransportOptions options = transportOptions();
        String printed = options.toString();

        for (Option<?> option : options.options()) {
            if (option.sensitive()) {
                Object value = options.get(option).orElseThrow();
                assertThat(printed).as("D5 options.toString() hides option '%s'", option.name())
                        .doesNotContain(String.valueOf(value)).contains(option.name() + "=REDACTED");
            }
        }
    }
}
