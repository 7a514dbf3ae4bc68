package io.siocluster.spi;

/**
 * Makes transports of one kind. Registered for {@link java.util.ServiceLoader} (both
 * {@code META-INF/services/io.siocluster.spi.TransportProvider} and {@code provides} in
 * {@code module-info}); must have a public no-argument constructor.
 */
public interface TransportProvider {

    /** The name users select it by, e.g. {@code "postgres"}: lower case, unique among providers. */
    String name();

    /**
     * Creates a transport. Bad options fail here, at once, with a
     * {@link io.siocluster.spi.error.TransportConfigurationException} naming the option.
     */
    Transport create(TransportOptions options);
}
