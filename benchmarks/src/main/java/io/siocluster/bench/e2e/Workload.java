package io.siocluster.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the table: how many servers and clients, what the senders send and how fast. {@code rate} 0
 * means as fast as the cluster delivers (a window of messages in flight per sender); otherwise messages per
 * second in total. {@code clustered} false is the ceiling row: one server without the store factory.
 */
record Workload(String id, String label, int servers, int clientsPerServer, int size, boolean binary, boolean room,
                int rate, boolean clustered) {

    /** Every row of the table, in table order: what {@code --rows=all} runs. */
    static List<Workload> table() {
        List<Workload> rows = new ArrayList<>();
        rows.add(text("2x2-100", "2x2, 100 B", 2, 100));
        rows.add(text("2x2-20k", "2x2, 20 kB", 2, 20_000));
        rows.add(new Workload("2x2-bin1k", "2x2, binary 1 kB", 2, 2, 1_024, true, false, 0, true));
        rows.add(text("2x20-100", "2x20, 100 B", 20, 100));
        rows.add(text("2x20-4k", "2x20, 4 kB", 20, 4_000));
        rows.add(text("2x20-20k", "2x20, 20 kB", 20, 20_000));
        rows.add(new Workload("2x20-bin1k", "2x20, binary 1 kB", 2, 20, 1_024, true, false, 0, true));
        rows.add(new Workload("2x20-room", "2x20, one room, 100 B", 2, 20, 100, false, true, 0, true));
        rows.add(new Workload("2x20-rate500", "2x20, 100 B at 500 msgs/s", 2, 20, 100, false, false, 500, true));
        rows.add(new Workload("1x40-nocluster", "1x40, 100 B, no cluster", 1, 40, 100, false, false, 0, false));
        return rows;
    }

    /** Every row that can be named in {@code --rows}: the table's and those run only when named. */
    static List<Workload> all() {
        List<Workload> rows = new ArrayList<>(table());
        // CPU per message at one load both sides carry, for comparing builds or flags: a saturating row's figure
        // moves with whichever process the scheduler favoured in that window
        rows.add(new Workload("2x20-rate2000", "2x20, 100 B at 2,000 msgs/s", 2, 20, 100, false, false, 2_000, true));
        // the latency row's ceiling: the same 40 clients and rate on one server without the cluster, so what the
        // machine, the scheduler and the driver add to the latency shows apart from what the cluster adds
        rows.add(new Workload("1x40-rate500", "1x40, 100 B at 500 msgs/s, no cluster", 1, 40, 100, false, false, 500,
                false));
        // the large text rows' ceilings: one server without the cluster relaying the same payload to the same 40
        // clients, so what the server's own path and the driver cost at 4 kB and 20 kB shows apart from the cluster
        rows.add(new Workload("1x40-4k-nocluster", "1x40, 4 kB, no cluster", 1, 40, 4_000, false, false, 0, false));
        rows.add(new Workload("1x40-20k-nocluster", "1x40, 20 kB, no cluster", 1, 40, 20_000, false, false, 0, false));
        return rows;
    }

    /**
     * What every cluster is warmed with, in turn, each for its share of {@code --warmup}: the busiest 100-byte row on
     * its server count for half, then 1 kB binary and 20 kB text for a quarter each. A warm-up of 100-byte text alone
     * left the JIT to compile the binary and large-string paths inside the first binary and 20 kB rows, which climbed
     * for 20-25 s (2x2 binary on Redis: 779 ... 4,711 msgs/s in its lead-in, 10,146 at the end of its window).
     */
    static List<WarmUp> warmUps(boolean clustered) {
        return List.of(new WarmUp(warmLoad(clustered, "warm", "warm-up, 100 B", 100, false), 2),
                new WarmUp(warmLoad(clustered, "warm-bin", "warm-up, binary 1 kB", 1_024, true), 1),
                new WarmUp(warmLoad(clustered, "warm-20k", "warm-up, 20 kB", 20_000, false), 1));
    }

    /** One warm-up shape as fast as it goes, on the 2x20 clients of a cluster or the 1x40 of the lone server. */
    private static Workload warmLoad(boolean clustered, String id, String label, int size, boolean binary) {
        return clustered ? new Workload(id, label, 2, 20, size, binary, false, 0, true)
                : new Workload(id, label, 1, 40, size, binary, false, 0, false);
    }

    /** One part of the warm-up: its load and its share of {@code --warmup}, in quarters. */
    record WarmUp(Workload load, int quarters) {

        /** This part's time out of the whole warm-up {@code total}. */
        Duration of(Duration total) {
            return total.multipliedBy(quarters).dividedBy(4);
        }
    }

    private static Workload text(String id, String label, int clients, int size) {
        return new Workload(id, label, 2, clients, size, false, false, 0, true);
    }

    /**
     * Seconds the driver runs each row unmeasured before its window, unless {@code --lead-in} says otherwise. A warm
     * JVM recompiles when the load changes shape: after the 2x20 warm-up, the C2 compiler took 0.5-0.8 s of CPU per second of one server for
     * the first 4-6 s of a 2x2 row, and the row's rate climbed meanwhile (2x2 100 B on Redis: 3,900, 8,700, 10,300,
     * 13,600, 14,300, 16,100, then 16,700-17,000 msgs/s; 2x2 binary 1 kB: 3,600 -> 12,000 over 7 s); a 1 s lead-in
     * measured that climb, and the compiler's CPU, as the row's figures. From a saturating load to a low fixed rate
     * it is about 900 compilations in the first 10 s. Node's servers reach their rate within a second; they get the
     * same lead-in. The driver's per-second counts ({@link RowResult#rampLine()}) show each row's climb.
     */
    static final int LEAD_IN_SECONDS = 10;

    /** The load driver's arguments for this workload (ports and timing are added by the caller). */
    List<String> driverArguments() {
        return List.of("--clients=" + clientsPerServer, "--size=" + size, "--kind=" + (binary ? "binary" : "text"),
                "--mode=" + (room ? "room" : "bcast"), "--rate=" + rate);
    }
}
