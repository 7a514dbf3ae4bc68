package io.siocluster.core.wire.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which stream a namespace travels on with {@code REDIS_STREAMS}: the expected names are what Node's redis-streams
 * adapter 0.3.1 computes ({@code computeStreamName}: {@code hashCode(nsp) % streamCount}, a 32-bit hash whose sign
 * {@code %} keeps), worked out by hand from its source.
 */
@DisplayName("REDIS_STREAMS: the stream of a namespace, as Node's streamCount picks it")
class StreamRouteTest {

    @Test
    @DisplayName("one stream: every namespace on <prefix>")
    void oneStream() {
        assertThat(StreamFramedMessaging.Route.of(1, "socket.io#/")).isEqualTo(new StreamFramedMessaging.Route("socket.io", "/"));
        assertThat(StreamFramedMessaging.Route.of(1, "socket.io#/chat").stream()).isEqualTo("socket.io");
    }

    @Test
    @DisplayName("several streams: <prefix>-<hash % count>, negative for a negative hash as in Node")
    void severalStreams() {
        assertThat(StreamFramedMessaging.Route.of(3, "socket.io#/").stream()).isEqualTo("socket.io-2"); // 47
        assertThat(StreamFramedMessaging.Route.of(3, "socket.io#/chat").stream()).isEqualTo("socket.io-1"); // 46457863
        assertThat(StreamFramedMessaging.Route.of(4, "socket.io#/admin").stream()).isEqualTo("socket.io-0"); // 1438238848
        assertThat(StreamFramedMessaging.Route.of(3, "socket.io#/orders-2026")) // -43870373
                .isEqualTo(new StreamFramedMessaging.Route("socket.io--2", "/orders-2026"));
    }
}
