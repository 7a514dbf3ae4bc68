package io.siocluster.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.error.TransportConfigurationException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Provider discovery")
class TransportsTest {

    @Test
    @DisplayName("finds every registered provider, sorted by name")
    void listsProviders() {
        assertThat(Transports.providers()).extracting(TransportProvider::name).containsExactly("alpha", "beta");
    }

    @Test
    @DisplayName("selects a provider by name")
    void selectsByName() {
        assertThat(Transports.provider("beta")).isInstanceOf(DiscoveryFixtures.Beta.class);
    }

    @Test
    @DisplayName("an unknown name fails, listing every provider found")
    void unknownName() {
        assertThatThrownBy(() -> Transports.provider("gamma"))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("'gamma'")
                .hasMessageContaining("'alpha' (io.siocluster.spi.DiscoveryFixtures$Alpha)")
                .hasMessageContaining("'beta' (io.siocluster.spi.DiscoveryFixtures$Beta)");
    }

    @Test
    @DisplayName("no name with several providers present fails instead of picking one, listing them")
    void ambiguous() {
        assertThatThrownBy(() -> Transports.create(TransportOptions.empty()))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("several transport providers")
                .hasMessageContaining("'alpha'")
                .hasMessageContaining("'beta'")
                .hasMessageContaining("'transport'");
    }

    @Test
    @DisplayName("no provider at all fails with advice")
    void none() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> Transports.provider(null, empty))
                    .isInstanceOf(TransportConfigurationException.class)
                    .hasMessageContaining("no transport provider found");
        }
    }
}
