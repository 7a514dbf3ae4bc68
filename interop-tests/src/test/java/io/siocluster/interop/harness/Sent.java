package io.siocluster.interop.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement a Node package sent to PostgreSQL, as the scripts' recording pool saw it: a {@code pg_notify}
 * (with the message type and its size in UTF-8 bytes) or an attachment insert, and whether PostgreSQL took it.
 */
public record Sent(String kind, @Nullable Integer type, @Nullable Integer bytes, boolean ok, @Nullable String error) {

    public boolean isAttachment() {
        return kind.equals("attachment");
    }

    /** Whether this is a heartbeat (INITIAL_HEARTBEAT or HEARTBEAT), which the adapter may send at any moment. */
    public boolean isHeartbeat() {
        return type != null && (type == 1 || type == 2);
    }

    /** The statements in {@code array}, heartbeats left out. */
    static List<Sent> listFrom(JsonNode array) {
        List<Sent> sent = new ArrayList<>();
        for (JsonNode item : array) {
            Sent one = new Sent(item.path("kind").asText(),
                    item.hasNonNull("type") ? item.get("type").asInt() : null,
                    item.hasNonNull("bytes") ? item.get("bytes").asInt() : null,
                    item.path("ok").asBoolean(),
                    item.hasNonNull("error") ? item.get("error").asText() : null);
            if (!one.isHeartbeat()) {
                sent.add(one);
            }
        }
        return sent;
    }
}
