package io.siocluster.spring.internal;

import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.Option;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spring.SioClusterConfigurationException;
import io.siocluster.spring.SioClusterProperties;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code sio.cluster.*} properties into the library's options. Every refusal becomes a
 * {@link SioClusterConfigurationException} naming the property, whether the library refuses it now (cluster options,
 * provider name, missing DataSource) or the transport does when the server starts (identifiers).
 */
public final class ClusterSettings {

    private static final String P = SioClusterProperties.PREFIX + ".";

    /** The transport options that have a property of their own; others come from {@code transport-options}. */
    private static final Map<String, String> PROPERTY_OF_OPTION = Map.of(
            PostgresOptions.TABLE_NAME.name(), P + "table-name",
            PostgresOptions.LISTENER_URL.name(), P + "listener-url",
            PostgresOptions.CREATE_TABLE.name(), P + "create-table",
            TransportOptions.TRANSPORT.name(), P + "transport");

    private ClusterSettings() {
    }

    public static ClusterOptions clusterOptions(SioClusterProperties properties) {
        ClusterOptions.Builder builder = ClusterOptions.builder();
        check("channel-prefix", () -> builder.channelPrefix(properties.getChannelPrefix()));
        check("payload-threshold", () -> builder.payloadThreshold(properties.getPayloadThreshold()));
        check("requests-timeout", () -> builder.requestsTimeout(properties.getRequestsTimeout()));
        check("heartbeat-interval", () -> builder.heartbeatInterval(properties.getHeartbeatInterval()));
        check("heartbeat-timeout", () -> builder.heartbeatTimeout(properties.getHeartbeatTimeout()));
        check("cleanup-interval", () -> builder.cleanupInterval(properties.getCleanupInterval()));
        check("discovery-window", () -> builder.discoveryWindow(properties.getDiscoveryWindow()));
        check("max-pending-inbound", () -> builder.maxPendingInbound(properties.getMaxPendingInbound()));
        check("max-pending-outbound", () -> builder.maxPendingOutbound(properties.getMaxPendingOutbound()));
        check("outbound-policy", () -> builder.outboundPolicy(properties.getOutboundPolicy()));
        check("overload-threshold", () -> builder.overloadThreshold(properties.getOverloadThreshold()));
        check("wire-format", () -> builder.wireFormat(properties.getWireFormat()));
        check("stream-count", () -> builder.streamCount(properties.getStreamCount()));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) { // the one rule across options: timeout longer than interval
            throw new SioClusterConfigurationException(P + "heartbeat-timeout", e.getMessage(), e);
        }
    }

    /**
     * Makes transports for the server's starts. The provider name and the DataSource are checked now; the
     * transport checks its identifiers when the server starts, and its refusal is reported with the property.
     */
    public static Supplier<Transport> transports(SioClusterProperties properties, @Nullable DataSource dataSource) {
        String name = properties.getTransport();
        try {
            Transports.provider(name);
        } catch (TransportConfigurationException e) {
            throw new SioClusterConfigurationException(P + "transport", e.getMessage(), e);
        }
        TransportOptions.Builder options = TransportOptions.builder().option(TransportOptions.TRANSPORT, name);
        if (name.equals(PostgresTransport.PROVIDER_NAME)) {
            if (dataSource == null) {
                throw new SioClusterConfigurationException(P + "transport", "is '" + name + "', which needs a"
                        + " javax.sql.DataSource bean, and the context has none: configure spring.datasource.* or"
                        + " define a DataSource bean");
            }
            options.option(PostgresOptions.DATA_SOURCE, dataSource)
                    .option(PostgresOptions.TABLE_NAME, properties.getTableName())
                    .option(PostgresOptions.CREATE_TABLE, properties.isCreateTable())
                    .option(PostgresOptions.LISTENER_URL, properties.getListenerUrl());
        }
        properties.getTransportOptions().forEach((key, value) -> options.option(Option.string(key), value));
        TransportOptions built = options.build();
        return () -> {
            try {
                return Transports.create(built);
            } catch (TransportConfigurationException e) {
                throw new SioClusterConfigurationException(propertyNamedIn(e.getMessage()), e.getMessage(), e);
            }
        };
    }

    /** The property behind the option a transport's message names ("option 'postgres.tableName': ..."). */
    static String propertyNamedIn(@Nullable String message) {
        String text = message == null ? "" : message;
        for (Map.Entry<String, String> entry : PROPERTY_OF_OPTION.entrySet()) {
            if (text.contains("'" + entry.getKey() + "'")) {
                return entry.getValue();
            }
        }
        int start = text.indexOf('\'');
        int end = start < 0 ? -1 : text.indexOf('\'', start + 1);
        return end > start ? P + "transport-options." + text.substring(start + 1, end) : P + "transport-options";
    }

    private static void check(String property, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SioClusterConfigurationException(P + property, String.valueOf(e.getMessage()), e);
        }
    }
}
