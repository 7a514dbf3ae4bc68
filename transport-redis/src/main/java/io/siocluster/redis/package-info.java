/**
 * The Redis transport: messaging over Redis Streams ({@code XADD}, blocking {@code XREAD} that resumes from
 * the last entry id after a reconnect), no blob store (an entry holds large payloads), and liveness from its
 * connections' health. Create it by name ({@code "redis"}) through {@link io.siocluster.spi.Transports} with
 * the options of {@link io.siocluster.redis.RedisOptions}, or directly with
 * {@link io.siocluster.redis.RedisTransport}.
 */
@NullMarked
package io.siocluster.redis;

import org.jspecify.annotations.NullMarked;
