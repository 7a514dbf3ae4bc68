package io.siocluster.bench.e2e;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The one event argument of the benchmark contract, as the load driver sends it: sender index {@code s},
 * per-sender sequence number {@code n}, send time {@code t} (driver clock, microseconds), the target room
 * {@code r} for room-targeted events, and the payload: text {@code p} or binary {@code b}. A typed
 * {@code byte[]} field is what makes netty-socketio hand over a binary attachment as bytes (a {@code Map}
 * argument would get it as base64 text). Absent fields stay absent on the way out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BenchMessage {

    public int s;
    public long n;
    public long t;
    public @Nullable String r;
    public @Nullable String p;
    public byte @Nullable [] b;
}
