package io.siocluster.interop.harness;

import io.siocluster.testsupport.PostgresDatabase;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The test database as the {@code pg} package reads it from the environment (PGHOST, PGPORT, PGDATABASE,
 * PGUSER, PGPASSWORD), from its JDBC URL ({@code jdbc:postgresql://host:port/db?user=..&password=..}) and the
 * user and password given beside it.
 */
public final class PgEnvironment {

    private PgEnvironment() {
    }

    public static Map<String, String> of(PostgresDatabase db) {
        String url = db.jdbcUrl();
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", uri.getHost() == null ? "localhost" : uri.getHost());
        env.put("PGPORT", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String user = db.user().orElse(query.get("user"));
        if (user != null) {
            env.put("PGUSER", user);
        }
        env.put("PGDATABASE", path.isEmpty() ? (user != null ? user : "postgres") : path);
        String password = db.password().orElse(query.get("password"));
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
