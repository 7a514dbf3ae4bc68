package io.siocluster.tck;

import static org.awaitility.Awaitility.await;

import io.siocluster.spi.messaging.MessageListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps what it receives, for kits to wait on and inspect. Thread-safe. */
public final class MessageRecorder implements MessageListener {

    private final List<String> payloads = new ArrayList<>();

    @Override
    public synchronized void onMessage(String channel, String payload) {
        payloads.add(payload);
    }

    public synchronized List<String> payloads() {
        return List.copyOf(payloads);
    }

    public synchronized int count() {
        return payloads.size();
    }

    /** Waits until {@code payload} has arrived, failing with {@code rule} in the message otherwise. */
    public void awaitPayload(String rule, String payload) {
        awaitPayload(rule, payload, TckTimeouts.delivery());
    }

    public void awaitPayload(String rule, String payload, Duration timeout) {
        await(rule + ": waiting for payload " + abbreviate(payload))
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> payloads().contains(payload));
    }

    public void awaitCount(String rule, int n, Duration timeout) {
        await(rule + ": waiting for " + n + " messages")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> count() >= n);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...' (" + s.length() + " chars)";
    }
}
