package io.siocluster.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The floor under the PostgreSQL transport's cross-node hop: plain pgjdbc, no cluster code. The calling thread
 * runs {@code SELECT pg_notify(...)} itself on one connection at a fixed rate (no queue, no publisher thread), and
 * one thread waits in {@code getNotifications(timeout)} on a second connection that LISTENs, recording each
 * notification's latency. Whatever {@link HopLatency} measures above this is the cluster's own cost.
 */
final class RawNotifyHop {

    private static final String CHANNEL = "sio_raw_hop";

    private RawNotifyHop() {
    }

    /** Sends at {@code rate} for {@code warmup} (not recorded), then {@code duration}; the measured latencies, sorted. */
    static List<Long> run(String url, int rate, Duration warmup, Duration duration) throws Exception {
        try (Connection listening = DriverManager.getConnection(url); Connection notifying = DriverManager.getConnection(url)) {
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean recording = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            Thread receiver = new Thread(() -> receive(listening, latencies, recording, stop), "raw-notify-listener");
            receiver.start();
            try (PreparedStatement notify = notifying.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                send(notify, rate, warmup);
                recording.set(true);
                int sent = send(notify, rate, duration);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (latencies.size() < sent && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000); // waiting for the last notifications, bounded by the deadline
                }
            } finally {
                stop.set(true);
                receiver.join(5_000);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted;
        }
    }

    private static int send(PreparedStatement notify, int rate, Duration duration) throws SQLException {
        long interval = 1_000_000_000L / rate;
        long end = System.nanoTime() + duration.toNanos();
        int sent = 0;
        for (long next = System.nanoTime(); next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            notify.setString(1, System.nanoTime() + " " + "x".repeat(100));
            notify.executeQuery().close();
            sent++;
        }
        return sent;
    }

    private static void receive(Connection listening, List<Long> latencies, AtomicBoolean recording, AtomicBoolean stop) {
        try {
            PGConnection pg = listening.unwrap(PGConnection.class);
            while (!stop.get()) {
                PGNotification[] notifications = pg.getNotifications(200);
                long now = System.nanoTime();
                if (notifications == null || !recording.get()) {
                    continue;
                }
                for (PGNotification notification : notifications) {
                    String payload = notification.getParameter();
                    latencies.add(now - Long.parseLong(payload.substring(0, payload.indexOf(' '))));
                }
            }
        } catch (SQLException e) {
            if (!stop.get()) {
                throw new IllegalStateException("the raw LISTEN connection failed", e);
            }
        }
    }
}
