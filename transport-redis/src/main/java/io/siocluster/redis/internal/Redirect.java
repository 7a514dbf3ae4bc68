package io.siocluster.redis.internal;

import io.lettuce.core.RedisCommandExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster redirect answer: {@code MOVED <slot> <host>:<port>} (the slot lives there now) or
 * {@code ASK <slot> <host>:<port>} (the slot is migrating and this key is already there: send the command there,
 * after {@code ASKING}). Either way the command was not run. An empty host (Redis knows no endpoint for the node)
 * is kept empty: the caller then looks the owner up in a refreshed slot map.
 */
record Redirect(boolean ask, String host, int port) {

    /** The redirect {@code failure} is, or null when it is any other failure. */
    static @Nullable Redirect of(Throwable failure) {
        if (!(failure instanceof RedisCommandExecutionException) || failure.getMessage() == null) {
            return null;
        }
        String[] parts = failure.getMessage().split(" ");
        boolean moved = parts[0].equals("MOVED");
        if ((!moved && !parts[0].equals("ASK")) || parts.length < 3) {
            return null;
        }
        int colon = parts[2].lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new Redirect(!moved, parts[2].substring(0, colon), Integer.parseInt(parts[2].substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
