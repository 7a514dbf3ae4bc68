package io.siocluster.core.cluster.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Makes the exception a timed-out request fails with (the API's own type, which this package cannot name). */
@FunctionalInterface
public interface TimeoutFailure {

    RuntimeException create(String message, List<@Nullable Object> partialResults, int missing);
}
