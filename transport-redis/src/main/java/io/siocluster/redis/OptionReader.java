package io.siocluster.redis;

import io.lettuce.core.RedisURI;
import io.siocluster.redis.internal.RedisConnector;
import io.siocluster.redis.internal.Settings;
import io.siocluster.redis.internal.StreamKeys;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.support.OptionChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates the {@link RedisOptions} into the implementation's values, so that only this package knows the
 * option keys. Every value is checked here, once: a bad one fails at creation naming its option.
 */
final class OptionReader {

    static final int DEFAULT_MAX_LEN = 10_000;
    static final int DEFAULT_READ_COUNT = 500;
    static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
    static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);

    private OptionReader() {
    }

    static Settings settings(TransportOptions options) {
        String instanceName = OptionChecks.instanceName(options, RedisOptions.INSTANCE_NAME, "redis-");
        return new Settings(
                instanceName,
                StreamKeys.withPrefix(RedisOptions.KEY_PREFIX.name(), options.getOrDefault(RedisOptions.KEY_PREFIX, "")),
                OptionChecks.intInRange(options, RedisOptions.MAX_LEN, DEFAULT_MAX_LEN, 1, Integer.MAX_VALUE),
                OptionChecks.intInRange(options, RedisOptions.READ_COUNT, DEFAULT_READ_COUNT, 1, 100_000),
                OptionChecks.positiveDuration(options, RedisOptions.BLOCK_TIMEOUT, DEFAULT_BLOCK_TIMEOUT),
                OptionChecks.positiveDuration(options, RedisOptions.COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT),
                OptionChecks.intInRange(options, RedisOptions.MAX_PAYLOAD_BYTES, DEFAULT_MAX_PAYLOAD_BYTES, 1, 256 * 1024 * 1024),
                OptionChecks.intInRange(options, RedisOptions.QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY, 1, 10_000_000),
                OptionChecks.intInRange(options, RedisOptions.MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE, 1, 100_000),
                OptionChecks.positiveDuration(options, RedisOptions.RECONNECT_BACKOFF_MAX, DEFAULT_RECONNECT_BACKOFF_MAX));
    }

    /** The user's client, or one the transport builds (and owns) from the URI(s) and credentials. */
    static RedisConnector connector(TransportOptions options, Settings settings) {
        Optional<io.lettuce.core.RedisClient> client = options.get(RedisOptions.CLIENT);
        Optional<io.lettuce.core.cluster.RedisClusterClient> clusterClient = options.get(RedisOptions.CLUSTER_CLIENT);
        Optional<Boolean> cluster = options.get(RedisOptions.CLUSTER);
        Optional<String> text = options.get(RedisOptions.URI);
        if (client.isPresent() && clusterClient.isPresent()) {
            throw new TransportConfigurationException("options '" + RedisOptions.CLIENT.name() + "' and '"
                    + RedisOptions.CLUSTER_CLIENT.name() + "' exclude each other: give the one client to connect with");
        }
        if (client.isPresent() && cluster.orElse(false)) {
            throw new TransportConfigurationException("option '" + RedisOptions.CLIENT.name() + "' is a standalone"
                    + " RedisClient: for a Redis Cluster give a RedisClusterClient as '" + RedisOptions.CLUSTER_CLIENT.name() + "'");
        }
        if (clusterClient.isPresent() && !cluster.orElse(true)) {
            throw new TransportConfigurationException("option '" + RedisOptions.CLUSTER_CLIENT.name() + "' is a Redis"
                    + " Cluster client, but '" + RedisOptions.CLUSTER.name() + "' is false");
        }
        Optional<?> given = client.isPresent() ? client : clusterClient;
        if (given.isPresent()) {
            String name = client.isPresent() ? RedisOptions.CLIENT.name() : RedisOptions.CLUSTER_CLIENT.name();
            if (text.isPresent() || options.has(RedisOptions.PASSWORD) || options.has(RedisOptions.USERNAME)
                    || options.has(RedisOptions.TLS)) {
                throw new TransportConfigurationException("option '" + name
                        + "' is configured by its owner: do not also give '" + RedisOptions.URI.name() + "', '"
                        + RedisOptions.USERNAME.name() + "', '" + RedisOptions.PASSWORD.name() + "' or '"
                        + RedisOptions.TLS.name() + "'");
            }
            return client.isPresent() ? RedisConnector.of(client.get()) : RedisConnector.ofCluster(clusterClient.get());
        }
        String uriText = text.orElseThrow(() -> new TransportConfigurationException("option '"
                + RedisOptions.URI.name() + "', '" + RedisOptions.CLIENT.name() + "' or '"
                + RedisOptions.CLUSTER_CLIENT.name() + "' is required"));
        if (!cluster.orElse(false)) {
            if (uriText.contains(",") && !uriText.startsWith("redis-sentinel") && !uriText.startsWith("rediss-sentinel")) {
                throw new TransportConfigurationException("option '" + RedisOptions.URI.name() + "' lists several nodes:"
                        + " for a Redis Cluster also set '" + RedisOptions.CLUSTER.name() + "' to true");
            }
            return RedisConnector.owning(configured(options, settings, parse(uriText)), settings.commandTimeout());
        }
        List<RedisURI> seeds = new ArrayList<>();
        String scheme = null;
        for (String part : uriText.split(",")) {
            String seed = part.trim();
            if (seed.isEmpty()) {
                continue;
            }
            if (scheme == null) {
                int end = seed.indexOf("://");
                scheme = end < 0 ? "redis://" : seed.substring(0, end + 3);
            } else if (!seed.contains("://")) {
                seed = scheme + seed;
            }
            RedisURI uri = parse(seed);
            if (uri.getDatabase() != 0) {
                throw new TransportConfigurationException("option '" + RedisOptions.URI.name() + "': a Redis Cluster"
                        + " has only database 0; remove the database number from " + uri.getHost() + ":" + uri.getPort());
            }
            if (uri.getSentinels() != null && !uri.getSentinels().isEmpty()) {
                throw new TransportConfigurationException("option '" + RedisOptions.URI.name() + "': a sentinel URI"
                        + " does not name a Redis Cluster; give the cluster's nodes (redis://host:port,...)");
            }
            seeds.add(configured(options, settings, uri));
        }
        if (seeds.isEmpty()) {
            throw new TransportConfigurationException("option '" + RedisOptions.URI.name() + "' names no node");
        }
        return RedisConnector.owningCluster(seeds, settings.commandTimeout());
    }

    private static RedisURI parse(String text) {
        try {
            return RedisURI.create(text);
        } catch (RuntimeException e) {
            // the URI may hold a password: never repeat it
            throw new TransportConfigurationException("option '" + RedisOptions.URI.name()
                    + "': not a Redis URI (redis://host:port, rediss://... for TLS)", null);
        }
    }

    /** {@code uri} with the credentials, TLS and timeout options applied. */
    private static RedisURI configured(TransportOptions options, Settings settings, RedisURI uri) {
        RedisURI.Builder builder = RedisURI.builder(uri);
        Optional<String> password = options.get(RedisOptions.PASSWORD);
        if (password.isPresent()) {
            String user = options.get(RedisOptions.USERNAME).orElse(null);
            builder = user == null ? builder.withPassword(password.get().toCharArray())
                    : builder.withAuthentication(user, password.get().toCharArray());
        } else if (options.has(RedisOptions.USERNAME)) {
            throw new TransportConfigurationException("option '" + RedisOptions.USERNAME.name() + "' needs '"
                    + RedisOptions.PASSWORD.name() + "'");
        }
        if (options.getOrDefault(RedisOptions.TLS, false)) {
            builder = builder.withSsl(true);
        }
        // Lettuce's own command timeout is only a backstop: the transport times each command itself (a blocking
        // XREAD waits blockTimeout, a large XADD gets a second per MiB).
        builder = builder.withTimeout(settings.blockTimeout().plus(settings.commandTimeout()).plusSeconds(300));
        return builder.build();
    }
}
