package io.siocluster.interop.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A socket as a Node server describes it (its own or a remote one from {@code fetchSockets}). */
public record SocketView(String id, List<String> rooms, @Nullable Object data, Map<String, @Nullable Object> handshake) {

    @SuppressWarnings("unchecked")
    static List<SocketView> listFrom(JsonNode array) {
        List<SocketView> sockets = new ArrayList<>();
        for (JsonNode item : array) {
            List<String> rooms = new ArrayList<>();
            item.path("rooms").forEach(room -> rooms.add(room.asText()));
            Object handshake = Wire.fromJson(item.path("handshake"));
            sockets.add(new SocketView(item.path("id").asText(), rooms, Wire.fromJson(item.get("data")),
                    handshake instanceof Map<?, ?> map ? (Map<String, @Nullable Object>) map : Map.of()));
        }
        return sockets;
    }
}
