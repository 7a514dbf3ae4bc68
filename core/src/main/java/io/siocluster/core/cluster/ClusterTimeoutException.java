package io.siocluster.core.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A cluster request ended before every peer answered. The answers that did arrive are kept, as
 * Socket.IO passes them to a timed-out acknowledgement.
 */
public final class ClusterTimeoutException extends RuntimeException {

    private final transient List<@Nullable Object> partialResults;
    private final int missing;

    public ClusterTimeoutException(String message, List<@Nullable Object> partialResults, int missing) {
        super(message);
        this.partialResults = Collections.unmodifiableList(new ArrayList<>(partialResults)); // may hold nulls
        this.missing = missing;
    }

    /** The answers received before the timeout, in arrival order. */
    public List<@Nullable Object> partialResults() {
        return partialResults;
    }

    /** How many answers were still missing. */
    public int missing() {
        return missing;
    }
}
