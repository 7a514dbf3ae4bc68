package io.siocluster.spi;

import io.siocluster.spi.error.TransportConfigurationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: finds transport providers with {@link ServiceLoader} and picks one by name. It never
 * picks "whatever is there" among several: an unknown name, or no name while several providers are present,
 * fails with a message listing every provider found.
 */
public final class Transports {

    private Transports() {
    }

    /** Creates a transport from the provider named by {@link TransportOptions#TRANSPORT}. */
    public static Transport create(TransportOptions options) {
        return create(options, defaultClassLoader());
    }

    public static Transport create(TransportOptions options, ClassLoader classLoader) {
        String name = options.get(TransportOptions.TRANSPORT).orElse(null);
        return provider(name, classLoader).create(options);
    }

    /** The provider called {@code name}, or the only provider present when {@code name} is null. */
    public static TransportProvider provider(@Nullable String name) {
        return provider(name, defaultClassLoader());
    }

    public static TransportProvider provider(@Nullable String name, ClassLoader classLoader) {
        List<TransportProvider> found = providers(classLoader);
        if (name == null) {
            if (found.size() == 1) {
                return found.get(0);
            }
            throw new TransportConfigurationException(found.isEmpty()
                    ? "no transport provider found on the class path; add one, e.g. sio-cluster-transport-postgres"
                    : "several transport providers found, choose one with option '" + TransportOptions.TRANSPORT.name()
                            + "': " + describe(found));
        }
        List<TransportProvider> named = found.stream().filter(p -> p.name().equals(name)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new TransportConfigurationException(named.isEmpty()
                ? "no transport provider named '" + name + "'; found: " + describe(found)
                : "several transport providers are named '" + name + "': " + describe(named));
    }

    /** Every provider visible to the class loader, sorted by name. */
    public static List<TransportProvider> providers(ClassLoader classLoader) {
        List<TransportProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(TransportProvider.class, classLoader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new TransportConfigurationException("a transport provider could not be loaded: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(TransportProvider::name));
        return found;
    }

    public static List<TransportProvider> providers() {
        return providers(defaultClassLoader());
    }

    private static String describe(List<TransportProvider> providers) {
        if (providers.isEmpty()) {
            return "(none)";
        }
        return providers.stream()
                .map(p -> "'" + p.name() + "' (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Transports.class.getClassLoader();
    }
}
