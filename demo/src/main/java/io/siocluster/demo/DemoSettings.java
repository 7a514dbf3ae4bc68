package io.siocluster.demo;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Command-line settings: {@code --url=jdbc:...} (default {@code SIO_PG_URL}, else an embedded PostgreSQL),
 * {@code --nodes=3}, {@code --port=9101} (first node; the others follow), {@code --http-port=9100} (the chat
 * page; 0 picks a free port), {@code --duration=PT30S} (default: run until stopped), {@code --bots=true}.
 */
record DemoSettings(@Nullable String jdbcUrl, int nodes, int firstPort, int httpPort, @Nullable Duration duration,
        boolean bots) {

    static DemoSettings parse(String[] args) {
        String url = System.getenv("SIO_PG_URL");
        int nodes = 3;
        int port = 9101;
        int httpPort = 9100;
        Duration duration = null;
        boolean bots = true;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !kv[0].startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            switch (kv[0]) {
                case "--url" -> url = kv[1];
                case "--nodes" -> nodes = Integer.parseInt(kv[1]);
                case "--port" -> port = Integer.parseInt(kv[1]);
                case "--http-port" -> httpPort = Integer.parseInt(kv[1]);
                case "--duration" -> duration = Duration.parse(kv[1]);
                case "--bots" -> bots = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + kv[0]
                        + " (known: --url --nodes --port --http-port --duration --bots)");
            }
        }
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("--nodes must be 1 to 9");
        }
        return new DemoSettings(url == null || url.isBlank() ? null : url, nodes, port, httpPort, duration, bots);
    }
}
