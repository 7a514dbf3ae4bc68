package io.siocluster.spring;

import io.siocluster.core.wire.WireFormat;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sio.cluster.*} properties. Defaults are the library's (and the Node adapter's), so a mixed Java/Node
 * cluster is configured alike on both sides.
 */
@ConfigurationProperties(prefix = SioClusterProperties.PREFIX)
public class SioClusterProperties {

    public static final String PREFIX = "sio.cluster";

    /** Whether to cluster the application's netty-socketio server at all. */
    private boolean enabled = true;

    /** The transport provider, by name: {@code postgres} (the application's DataSource), or another one found. */
    private String transport = "postgres";

    /** Channels are {@code <channel-prefix>#<namespace>}. */
    private String channelPrefix = "socket.io";

    /** Messages whose JSON is this many UTF-8 bytes or more go through the attachments table. */
    private int payloadThreshold = 8000;

    /** How long fetchSockets and serverSideEmit with ack wait for peers. */
    private Duration requestsTimeout = Duration.ofSeconds(5);

    /** An otherwise silent node sends a heartbeat this often. */
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /** A peer silent this long is gone. */
    private Duration heartbeatTimeout = Duration.ofSeconds(10);

    /** Attachments older than this are purged. */
    private Duration cleanupInterval = Duration.ofSeconds(30);

    /** How long a new namespace waits for its peers before requests count them. */
    private Duration discoveryWindow = Duration.ofMillis(500);

    /** Messages received and not yet handled at which the transport's delivery thread waits. */
    private int maxPendingInbound = 10_000;

    /** Messages a namespace holds behind an attachment still being stored; at the bound outbound-policy decides. */
    private int maxPendingOutbound = 10_000;

    /** What a publish meets at max-pending-outbound: REJECT (the new one fails) or DROP_OLDEST. */
    private OverloadPolicy outboundPolicy = OverloadPolicy.REJECT;

    /** A message waiting longer than this to be published or handled marks the node overloaded. */
    private Duration overloadThreshold = Duration.ofSeconds(1);

    /** How messages are framed on the bus: CHANNEL_TEXT or REDIS_STREAMS (Node's redis-streams adapter's). */
    private WireFormat wireFormat = WireFormat.CHANNEL_TEXT;

    /** With REDIS_STREAMS: over how many streams the namespaces are spread, as Node's streamCount. */
    private int streamCount = 1;

    /** The attachments table ({@code postgres} transport): {@code name} or {@code schema.name}. */
    private String tableName = "socket_io_attachments";

    /** Whether a missing attachments table is created ({@code postgres} transport). */
    private boolean createTable = true;

    /** A separate JDBC URL for the LISTEN connection ({@code postgres} transport), e.g. past PgBouncer. */
    private @Nullable String listenerUrl;

    /** Whether the starter starts the SocketIOServer with the context and stops it on shutdown. */
    private boolean manageServer = true;

    /** Further transport options by key, e.g. {@code postgres.maxBatchSize: 500}. */
    private Map<String, String> transportOptions = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getChannelPrefix() {
        return channelPrefix;
    }

    public void setChannelPrefix(String channelPrefix) {
        this.channelPrefix = channelPrefix;
    }

    public int getPayloadThreshold() {
        return payloadThreshold;
    }

    public void setPayloadThreshold(int payloadThreshold) {
        this.payloadThreshold = payloadThreshold;
    }

    public Duration getRequestsTimeout() {
        return requestsTimeout;
    }

    public void setRequestsTimeout(Duration requestsTimeout) {
        this.requestsTimeout = requestsTimeout;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    public void setHeartbeatTimeout(Duration heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public Duration getCleanupInterval() {
        return cleanupInterval;
    }

    public void setCleanupInterval(Duration cleanupInterval) {
        this.cleanupInterval = cleanupInterval;
    }

    public Duration getDiscoveryWindow() {
        return discoveryWindow;
    }

    public void setDiscoveryWindow(Duration discoveryWindow) {
        this.discoveryWindow = discoveryWindow;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    public @Nullable String getListenerUrl() {
        return listenerUrl;
    }

    public void setListenerUrl(@Nullable String listenerUrl) {
        this.listenerUrl = listenerUrl;
    }

    public boolean isManageServer() {
        return manageServer;
    }

    public void setManageServer(boolean manageServer) {
        this.manageServer = manageServer;
    }

    public Map<String, String> getTransportOptions() {
        return transportOptions;
    }

    public void setTransportOptions(Map<String, String> transportOptions) {
        this.transportOptions = transportOptions;
    }

    public int getMaxPendingInbound() {
        return maxPendingInbound;
    }

    public void setMaxPendingInbound(int maxPendingInbound) {
        this.maxPendingInbound = maxPendingInbound;
    }

    public int getMaxPendingOutbound() {
        return maxPendingOutbound;
    }

    public void setMaxPendingOutbound(int maxPendingOutbound) {
        this.maxPendingOutbound = maxPendingOutbound;
    }

    public OverloadPolicy getOutboundPolicy() {
        return outboundPolicy;
    }

    public void setOutboundPolicy(OverloadPolicy outboundPolicy) {
        this.outboundPolicy = outboundPolicy;
    }

    public Duration getOverloadThreshold() {
        return overloadThreshold;
    }

    public void setOverloadThreshold(Duration overloadThreshold) {
        this.overloadThreshold = overloadThreshold;
    }

    public WireFormat getWireFormat() {
        return wireFormat;
    }

    public void setWireFormat(WireFormat wireFormat) {
        this.wireFormat = wireFormat;
    }

    public int getStreamCount() {
        return streamCount;
    }

    public void setStreamCount(int streamCount) {
        this.streamCount = streamCount;
    }
}
