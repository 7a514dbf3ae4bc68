package io.siocluster.postgres.internal;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The connection options as given, unchecked: {@link Connections#from} checks them and derives what is
 * missing. Each value is null when its option is unset.
 *
 * @param dataSource the user's DataSource for publishing and blobs
 * @param url JDBC URL for the pool the transport builds
 * @param user user for {@code url} and {@code listenerUrl}
 * @param password password for {@code url} and {@code listenerUrl}
 * @param listenerUrl a separate JDBC URL for the listener connection
 * @param listenerConnector opens listener connections, overriding every URL
 * @param names the option names, for error messages
 */
public record ConnectionOptions(
        @Nullable DataSource dataSource,
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        @Nullable String listenerUrl,
        @Nullable ListenerConnector listenerConnector,
        Names names) {

    /** The names of the options the values come from, so every refusal names the option to change. */
    public record Names(String dataSource, String url, String user, String password, String listenerUrl,
            String listenerConnector) {
    }

    @Override
    public String toString() {
        return "ConnectionOptions[dataSource=" + dataSource + ", url=" + redact(url) + ", user=" + user
                + ", password=" + (password == null ? null : "REDACTED") + ", listenerUrl=" + redact(listenerUrl)
                + ", listenerConnector=" + listenerConnector + "]";
    }

    static @Nullable String redact(@Nullable String url) {
        return url == null ? null : url.replaceAll("password=[^&]*", "password=REDACTED");
    }
}
