package io.siocluster.redis;

import io.lettuce.core.RedisURI;
import io.siocluster.redis.internal.RedisConnector;
import io.siocluster.redis.internal.Settings;
import io.siocluster.redis.internal.StreamKeys;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.support.OptionChecks;
import java.time.Duration;
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

    /** The user's client, or one the transport builds (and owns) from the URI and credentials. */
    static RedisConnector connector(TransportOptions options, Settings settings) {
        Optional<io.lettuce.core.RedisClient> client = options.get(RedisOptions.CLIENT);
        Optional<String> text = options.get(RedisOptions.URI);
        if (client.isPresent()) {
            if (text.isPresent() || options.has(RedisOptions.PASSWORD) || options.has(RedisOptions.USERNAME)
                    || options.has(RedisOptions.TLS)) {
                throw new TransportConfigurationException("option '" + RedisOptions.CLIENT.name()
                        + "' is configured by its owner: do not also give '" + RedisOptions.URI.name() + "', '"
                        + RedisOptions.USERNAME.name() + "', '" + RedisOptions.PASSWORD.name() + "' or '"
                        + RedisOptions.TLS.name() + "'");
            }
            return RedisConnector.of(client.get());
        }
        String uriText = text.orElseThrow(() -> new TransportConfigurationException("option '"
                + RedisOptions.URI.name() + "' or '" + RedisOptions.CLIENT.name() + "' is required"));
        RedisURI uri;
        try {
            uri = RedisURI.create(uriText);
        } catch (RuntimeException e) {
            // the URI may hold a password: never repeat it
            throw new TransportConfigurationException("option '" + RedisOptions.URI.name()
                    + "': not a Redis URI (redis://host:port, rediss://... for TLS)", null);
        }
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
        return RedisConnector.owning(builder.build(), settings.commandTimeout());
    }


}
