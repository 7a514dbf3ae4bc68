package io.siocluster.netty;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What SLF4J writes while this is open: the tests log through slf4j-simple, which writes every line to the
 * {@code System.err} of the moment. Lines still reach the console.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public CapturedLog() {
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

    /** Everything written so far. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Every line so far, stack trace lines included. */
    public List<String> lines() {
        return text().lines().toList();
    }

    /** WARN and ERROR lines and stack trace lines so far. */
    public List<String> problems() {
        return lines().stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.startsWith("\tat ") || line.startsWith("Caused by")).toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
