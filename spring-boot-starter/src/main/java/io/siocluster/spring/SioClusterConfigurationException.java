package io.siocluster.spring;

/**
 * A {@code sio.cluster.*} property, or a bean the starter needs, is wrong: the message names the property and what
 * to do. It fails the context's start; Spring Boot prints it as the failure's description.
 */
public class SioClusterConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public SioClusterConfigurationException(String property, String message, Throwable cause) {
        super(property + ": " + message, cause);
        this.property = property;
    }

    public SioClusterConfigurationException(String property, String message) {
        super(property + ": " + message);
        this.property = property;
    }

    /** The property (or bean) at fault, e.g. {@code sio.cluster.table-name}. */
    public String property() {
        return property;
    }
}
