/**
 * How the Redis transport works inside: the connections, the publisher thread, the stream reader and its
 * cursors, the gap check after a reconnect. Not API.
 */
@NullMarked
package io.siocluster.redis.internal;

import org.jspecify.annotations.NullMarked;
