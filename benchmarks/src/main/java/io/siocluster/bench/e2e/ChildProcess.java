package io.siocluster.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A server or driver process: its standard output is read line by line on a daemon thread, its standard
 * error goes to a log file. Closing it closes its standard input (the contract servers exit on that), waits a
 * few seconds, and then kills it.
 */
final class ChildProcess implements AutoCloseable {

    private static final String EOF = "\u0000eof";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The latest {@link HeapReport} value a Java server printed, or -1: kept apart, never queued as a line. */
    private volatile long heapAfterGcBytes = -1;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readLines, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String name, List<String> command, Path directory, Path errorLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()));
        return new ChildProcess(name, builder.start());
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(HeapReport.PREFIX)) {
                    try {
                        heapAfterGcBytes = Long.parseLong(line.substring(HeapReport.PREFIX.length()).trim());
                    } catch (NumberFormatException ignored) {
                        // not ours after all: leave the last value
                    }
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException ignored) {
            // the process went away: end of output
        }
        lines.add(EOF);
    }

    long pid() {
        return process.pid();
    }

    /** The server's heap after its last collection as it last reported it ({@link HeapReport}), or -1. */
    long heapAfterGcBytes() {
        return heapAfterGcBytes;
    }

    String name() {
        return name;
    }

    /** The next line that matches, skipping others; fails when the process ends or {@code timeout} passes first. */
    String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            @Nullable String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException(name + " printed no expected line within " + timeout + " (see its log)");
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new IllegalStateException(name + " ended before printing the expected line (see its log)");
            }
            if (matching.test(line)) {
                return line;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
