package io.siocluster.netty.internal;

import com.corundumstudio.socketio.HandshakeData;
import io.netty.handler.codec.http.HttpHeaders;
import io.siocluster.core.protocol.Values;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * A netty-socketio handshake as Node's {@code socket.handshake}: {@code headers} (lower-case names, repeated
 * headers joined with {@code ", "}), {@code time} (JavaScript's {@code Date.toString()}), {@code address},
 * {@code xdomain}, {@code secure}, {@code issued} (epoch milliseconds), {@code url}, {@code query} (a repeated
 * parameter becomes a list) and {@code auth} (the CONNECT packet's payload, {@code {}} without one).
 */
public final class Handshakes {

    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ENGLISH);

    private Handshakes() {
    }

    public static Map<String, @Nullable Object> toNode(HandshakeData data, boolean secure, ValueConverter converter) {
        Map<String, @Nullable Object> handshake = new LinkedHashMap<>();
        handshake.put("headers", headers(data.getHttpHeaders()));
        Date time = data.getTime() != null ? data.getTime() : new Date();
        handshake.put("time", jsDate(time));
        handshake.put("address", address(data.getAddress()));
        handshake.put("xdomain", data.isXdomain());
        handshake.put("secure", secure);
        handshake.put("issued", time.getTime());
        handshake.put("url", data.getUrl() != null ? data.getUrl() : "");
        handshake.put("query", query(data.getUrlParams()));
        Object auth = data.getAuthToken();
        handshake.put("auth", auth == null ? Map.of() : converter.value(auth));
        return Values.freezeMap(handshake);
    }

    static String jsDate(Date time) {
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime at = time.toInstant().atZone(zone);
        String zoneName = TimeZone.getTimeZone(zone).getDisplayName(TimeZone.getTimeZone(zone).inDaylightTime(time),
                TimeZone.LONG, Locale.ENGLISH);
        return JS_DATE.format(at) + " (" + (zoneName.isEmpty() ? zone.getDisplayName(TextStyle.FULL, Locale.ENGLISH) : zoneName) + ")";
    }

    private static Map<String, @Nullable Object> headers(@Nullable HttpHeaders headers) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        if (headers == null) {
            return map;
        }
        for (String name : headers.names()) {
            String key = name.toLowerCase(Locale.ROOT);
            List<String> values = headers.getAll(name);
            if (key.equals("set-cookie")) {
                map.put(key, List.copyOf(values));
            } else {
                map.put(key, String.join(", ", values));
            }
        }
        return map;
    }

    private static Map<String, @Nullable Object> query(@Nullable Map<String, List<String>> params) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        if (params == null) {
            return map;
        }
        params.forEach((name, values) -> {
            if (values == null || values.isEmpty()) {
                map.put(name, "");
            } else if (values.size() == 1) {
                map.put(name, values.get(0));
            } else {
                map.put(name, List.copyOf(values));
            }
        });
        return map;
    }

    private static String address(@Nullable InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
