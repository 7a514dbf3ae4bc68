package io.siocluster.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the log says while this is open: the tests log through slf4j-simple, which writes every line to the
 * {@code System.err} of the moment. Lines still reach the console.
 */
final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedLog() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Every line so far, stack trace lines included. */
    List<String> lines() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** WARN and ERROR lines and stack trace lines so far. */
    List<String> problems() {
        return lines().stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.startsWith("\tat ") || line.startsWith("Caused by")).toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
