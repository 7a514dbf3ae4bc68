package io.siocluster.interop.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a Node acknowledgement callback got: its error (a timeout, say) if any, and the answers that arrived. */
public record AckResult(@Nullable String error, List<@Nullable Object> responses) {

    static AckResult from(JsonNode result) {
        return new AckResult(result.hasNonNull("error") ? result.get("error").asText() : null,
                Wire.listFrom(result.path("responses")));
    }
}
