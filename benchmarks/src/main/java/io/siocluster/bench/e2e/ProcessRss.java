package io.siocluster.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from {@code /proc/PID/statm} (pages of 4 kB); 0 when it cannot be read. */
final class ProcessRss {

    private static final long PAGE_BYTES = 4096;

    private ProcessRss() {
    }

    static double megabytes(long pid) {
        try {
            String[] fields = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_BYTES / 1e6;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
