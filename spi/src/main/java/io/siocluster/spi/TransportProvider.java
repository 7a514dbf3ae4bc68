package io.siocluster.spi;

/**
 * Makes transports of one kind. Registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.siocluster.spi.TransportProvider} (the project's modules have no
 * {@code module-info} yet: on the module path they are automatic modules, which that file serves too); must
 * have a public no-argument constructor.
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
