package io.siocluster.core.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One socket in a {@link FetchSocketsResponse}, as Socket.IO's {@code RemoteSocket} sees it:
 * {@code {"id","handshake","rooms","data"}}. The handshake is Node's handshake object (headers, time,
 * address, xdomain, secure, issued, url, query, auth) as a map; {@code data} is the socket's free-form data.
 */
public record SocketDetails(String id, Map<String, @Nullable Object> handshake, List<String> rooms,
        @Nullable Object data) {

    public SocketDetails {
        Objects.requireNonNull(id, "id");
        handshake = Values.freezeMap(handshake);
        rooms = List.copyOf(rooms);
        data = Values.freeze(data);
    }

    // data may be a byte[]: the generated record equality would compare it by identity
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SocketDetails that
                && id.equals(that.id)
                && handshake.equals(that.handshake)
                && rooms.equals(that.rooms)
                && Values.deepEquals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, handshake, rooms, Values.deepHashCode(data));
    }
}
